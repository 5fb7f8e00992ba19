package dev.sensiprint.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.SocketOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, and refuses, every TCP connection made through {@code java.net.Socket} in this JVM.
 *
 * <p>A recording {@code ProxySelector} is not enough: DJL's telemetry opens its connections with
 * {@code Proxy.NO_PROXY}, which bypasses the selector. Every {@code java.net.Socket} (and so every
 * HttpURLConnection, proxied or not) takes its implementation from the socket factory. The factory
 * can be set once per JVM and never removed, so this is for the probe JVMs of {@link
 * OfflineProcessTest} only.
 */
final class SocketConnectRecorder {

    private static final List<String> ATTEMPTS = new ArrayList<>();

    private SocketConnectRecorder() {}

    @SuppressWarnings("deprecation") // the only hook below HttpURLConnection that sees NO_PROXY
    static void install() throws IOException {
        Socket.setSocketImplFactory(RefusingSocketImpl::new);
    }

    static synchronized List<String> attempts() {
        return List.copyOf(ATTEMPTS);
    }

    private static synchronized void record(String target) {
        ATTEMPTS.add(target);
    }

    private static final class RefusingSocketImpl extends SocketImpl {

        @Override
        protected void create(boolean stream) {}

        @Override
        protected void connect(String host, int port) throws IOException {
            refuse(host + ":" + port);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            refuse(address + ":" + port);
        }

        @Override
        protected void connect(SocketAddress address, int timeout) throws IOException {
            refuse(String.valueOf(address));
        }

        private static void refuse(String target) throws IOException {
            record(target);
            throw new ConnectException("connection to " + target + " refused by the test");
        }

        @Override
        protected void bind(InetAddress host, int port) {}

        @Override
        protected void listen(int backlog) throws IOException {
            throw new IOException("listening is not supported by the test socket");
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            throw new IOException("accepting is not supported by the test socket");
        }

        @Override
        protected InputStream getInputStream() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        protected OutputStream getOutputStream() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        protected int available() {
            return 0;
        }

        @Override
        protected void close() {}

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw new IOException("not connected");
        }

        @Override
        public void setOption(int optID, Object value) {}

        @Override
        public Object getOption(int optID) {
            return switch (optID) {
                case SocketOptions.SO_TIMEOUT, SocketOptions.SO_LINGER -> 0;
                case SocketOptions.TCP_NODELAY, SocketOptions.SO_KEEPALIVE -> Boolean.FALSE;
                default -> null;
            };
        }
    }
}
