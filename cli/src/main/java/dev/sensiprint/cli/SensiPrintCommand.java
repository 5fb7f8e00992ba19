package dev.sensiprint.cli;

import picocli.CommandLine.Command;

/** The top-level {@code sensiprint} command; each job is a subcommand. */
@Command(
        name = "sensiprint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Sensitive-sample fingerprints of deep neural networks: know that the model a server"
                    + " answers with is the model you deployed.",
            ""
        },
        subcommands = {
            GenerateCommand.class,
            InspectCommand.class,
            VerifyCommand.class,
            ServeCommand.class,
            TamperCommand.class,
            EvaluateCommand.class,
            KeygenCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; verdict INTACT",
            "1:internal error",
            "2:usage error or bad input",
            "3:verdict TAMPERED",
            "4:verdict INCONCLUSIVE (server unreachable or answer not comparable)"
        })
final class SensiPrintCommand {}
