package dev.sensiprint.model;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every URI a {@code java.net} client asks to connect to (HttpURLConnection consults the
 * default selector before each connection) and points it at a closed loopback port, so a recorded
 * attempt fails at once instead of waiting for a network timeout.
 */
final class RecordingProxySelector extends ProxySelector {

    private final List<URI> attempts = new ArrayList<>();

    @Override
    public synchronized List<Proxy> select(URI uri) {
        attempts.add(uri);
        return List.of(
                new Proxy(
                        Proxy.Type.HTTP,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}

    synchronized List<URI> attempts() {
        return List.copyOf(attempts);
    }
}
