package dev.sensiprint.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a response body into memory, refusing it as soon as it passes a cap or when it comes
 * encoded. The JDK's {@code BodyHandlers.ofByteArray()} buffers without limit; a server that
 * streams gigabytes (or a gzip bomb we would have to inflate) must not exhaust the heap.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {

    /** Why a body was refused; travels through the HTTP client's futures as the cause. */
    static final class Refused extends IOException {
        final HttpResult.Kind kind;

        Refused(HttpResult.Kind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    private final long maxBytes;
    private final AtomicReference<Subscriber> current = new AtomicReference<>();

    BoundedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        Refused early = null;
        String encoding = info.headers().firstValue("Content-Encoding").orElse("identity");
        if (!encoding.strip().toLowerCase(Locale.ROOT).equals("identity")) {
            // We never send Accept-Encoding, so an encoded body is unasked for; inflating it
            // could turn a few kilobytes into gigabytes.
            early =
                    new Refused(
                            HttpResult.Kind.ENCODING,
                            "server sent a body with Content-Encoding '"
                                    + printable(encoding)
                                    + "' that was not asked for");
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (early == null && declared > maxBytes) {
            early = tooLarge();
        }
        Subscriber s = new Subscriber(early);
        current.set(s);
        return s;
    }

    /** Stops reading the body in progress (on timeout). */
    void cancel() {
        Subscriber s = current.get();
        if (s != null) {
            s.abort(new IOException("cancelled"));
        }
    }

    private Refused tooLarge() {
        return new Refused(
                HttpResult.Kind.TOO_LARGE, "response body is larger than " + maxBytes + " bytes");
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "…" : p;
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Refused early;
        private volatile Flow.Subscription subscription;
        private long received;

        Subscriber(Refused early) {
            this.early = early;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (early != null) {
                abort(early);
            } else if (result.isDone()) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > maxBytes) {
                    abort(tooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        void abort(IOException why) {
            result.completeExceptionally(why);
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
