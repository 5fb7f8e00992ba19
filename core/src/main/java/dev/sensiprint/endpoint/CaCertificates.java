package dev.sensiprint.endpoint;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust from a PEM file of CA certificates (like curl's {@code --cacert}). */
final class CaCertificates {

    private CaCertificates() {}

    /**
     * An SSL context that trusts exactly the certificates in {@code pem} (the JDK's default CAs are
     * not added: a private CA file usually means a private deployment). Host names are still
     * verified by the HTTP client.
     */
    static SSLContext sslContext(Path pem) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException(
                    "cannot read CA certificates from " + pem + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new BadInputException("CA file " + pem + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException(
                    "cannot build TLS trust from " + pem + ": " + e.getMessage(), e);
        }
    }
}
