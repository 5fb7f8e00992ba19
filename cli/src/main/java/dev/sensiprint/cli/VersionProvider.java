package dev.sensiprint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the versions Maven filtered into {@code sensiprint-version.properties} at build time. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in =
                VersionProvider.class.getResourceAsStream("/sensiprint-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {
            "sensiprint " + p.getProperty("version", "unknown"),
            "DJL "
                    + p.getProperty("djl", "unknown")
                    + ", libtorch "
                    + p.getProperty("libtorch", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
