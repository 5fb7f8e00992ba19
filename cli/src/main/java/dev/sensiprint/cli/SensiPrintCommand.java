package dev.sensiprint.cli;

import java.util.List;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; verdict INTACT",
            "1:internal error",
            "2:usage error or bad input",
            "3:verdict TAMPERED",
            "4:verdict INCONCLUSIVE (server unreachable or answer not comparable)"
        })
final class SensiPrintCommand {

    /**
     * The subcommands, in the order help lists them. Not in {@code @Command(subcommands)}: picocli
     * would build every command's model (its options, by reflection) at every start, and {@link
     * Main} registers only the one named on the command line when there is one.
     */
    static final List<Class<?>> COMMANDS =
            List.of(
                    DemoCommand.class,
                    GenerateCommand.class,
                    InspectCommand.class,
                    VerifyCommand.class,
                    WatchCommand.class,
                    ServeCommand.class,
                    TamperCommand.class,
                    TrainCommand.class,
                    EvaluateCommand.class,
                    KeygenCommand.class);
}
