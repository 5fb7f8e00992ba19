package dev.sensiprint.serve;

import com.fasterxml.jackson.core.JsonFactory;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the Open Inference Protocol's REST endpoints for one model (a Jetty core handler, run on
 * Jetty's pool threads, which may block: it reads the body as a stream and waits for the model).
 * Every answer is JSON; errors are {@code {"error": "..."}} with one line, never a stack trace.
 */
final class OipHandler extends Handler.Abstract {

    /** Request attribute: the message of an error answer, for the access log. */
    static final String ERROR_ATTRIBUTE = "dev.sensiprint.serve.error";

    static final String INPUT_NAME = "input";
    static final String OUTPUT_NAME = "output";

    private final JsonFactory json;
    private final ServeSettings settings;
    private final ModelInfo info;
    private final SerialModel model;
    private final InferRequestReader reader;
    private final byte[] serverMetadata;
    private final byte[] modelMetadata;
    private final byte[] live;
    private final byte[] ready;
    private final byte[] modelReady;

    OipHandler(JsonFactory json, ServeSettings settings, ModelInfo info, SerialModel model) {
        this.json = json;
        this.settings = settings;
        this.info = info;
        this.model = model;
        this.reader =
                new InferRequestReader(json, info.inputShape(), settings.maxBatch(), OUTPUT_NAME);
        this.serverMetadata =
                OipJson.serverMetadata(json, "sensiprint", settings.serverVersion(), List.of());
        int[] inputShape = new int[info.inputShape().length + 1];
        inputShape[0] = -1;
        System.arraycopy(info.inputShape(), 0, inputShape, 1, info.inputShape().length);
        this.modelMetadata =
                OipJson.modelMetadata(
                        json,
                        settings.modelName(),
                        List.of(settings.modelVersion()),
                        platform(info.fileName()),
                        new OipJson.TensorMetadata(INPUT_NAME, "FP32", inputShape),
                        new OipJson.TensorMetadata(
                                OUTPUT_NAME, "FP32", new int[] {-1, info.numClasses()}));
        this.live = OipJson.live(json, true);
        this.ready = OipJson.ready(json, true);
        this.modelReady = OipJson.modelReady(json, settings.modelName(), true);
    }

    /**
     * The protocol's platform name for a model file: {@code pytorch_torchscript} or {@code
     * onnx_onnxv1}.
     */
    static String platform(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".onnx")
                ? "onnx_onnxv1"
                : "pytorch_torchscript";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        byte[] body;
        try {
            body = answer(request);
            response.setStatus(200);
        } catch (HttpError e) {
            body = fail(request, response, e.status(), e.getMessage());
            if (e.allow() != null) {
                response.getHeaders().put(HttpHeader.ALLOW, e.allow());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body = fail(request, response, 503, "the server is stopping");
        } catch (Exception e) {
            body = fail(request, response, 500, "internal error: " + oneLine(e));
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private byte[] fail(Request request, Response response, int status, String message) {
        request.setAttribute(ERROR_ATTRIBUTE, message);
        response.setStatus(status);
        if (status == 413) {
            // The rest of the body is not read: the connection cannot be reused.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        return OipJson.error(json, message);
    }

    private byte[] answer(Request request) throws HttpError, IOException, InterruptedException {
        String path = Request.getPathInContext(request);
        OipRoute route =
                OipRoute.parse(path)
                        .orElseThrow(
                                () ->
                                        new HttpError(
                                                404,
                                                "no such endpoint: "
                                                        + InferRequestReader.truncate(path)));
        if (!route.method().equals(request.getMethod())) {
            throw HttpError.methodNotAllowed(
                    InferRequestReader.truncate(request.getMethod()),
                    route.method(),
                    InferRequestReader.truncate(path));
        }
        if (route instanceof OipRoute.ModelRoute m) {
            checkModel(m);
        }
        if (route instanceof OipRoute.ServerLive) {
            return live;
        } else if (route instanceof OipRoute.ServerReady) {
            return ready;
        } else if (route instanceof OipRoute.ServerMetadata) {
            return serverMetadata;
        } else if (route instanceof OipRoute.ModelMetadata) {
            return modelMetadata;
        } else if (route instanceof OipRoute.ModelReady) {
            return modelReady;
        } else {
            return infer(request);
        }
    }

    private void checkModel(OipRoute.ModelRoute m) throws HttpError {
        if (!m.model().equals(settings.modelName())) {
            throw new HttpError(
                    404,
                    "unknown model '"
                            + InferRequestReader.truncate(m.model())
                            + "': this server serves '"
                            + settings.modelName()
                            + "'");
        }
        if (m.version() != null && !m.version().equals(settings.modelVersion())) {
            throw new HttpError(
                    404,
                    "unknown version '"
                            + InferRequestReader.truncate(m.version())
                            + "' of model '"
                            + settings.modelName()
                            + "': it has version '"
                            + settings.modelVersion()
                            + "'");
        }
    }

    private byte[] infer(Request request) throws HttpError, InterruptedException {
        checkContentHeaders(request);
        long limit = settings.maxBodyBytes();
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limit) {
            throw new HttpError(
                    413,
                    "request body of "
                            + declared
                            + " bytes exceeds the limit of "
                            + limit
                            + " bytes");
        }
        InferRequest parsed;
        try (BoundedInputStream in =
                new BoundedInputStream(Content.Source.asInputStream(request), limit)) {
            parsed = reader.read(in);
        } catch (BoundedInputStream.TooLarge e) {
            throw new HttpError(413, e.getMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("cannot read the request body: " + oneLine(e));
        }
        FloatTensor outputs;
        try {
            outputs = model.predict(parsed.pixels());
        } catch (SerialModel.Stopped e) {
            throw new HttpError(503, e.getMessage());
        } catch (RuntimeException e) {
            throw new HttpError(500, "the model failed: " + oneLine(e));
        }
        int[] expected = {parsed.batch(), info.numClasses()};
        if (outputs == null || !Arrays.equals(outputs.shape(), expected)) {
            throw new HttpError(
                    500,
                    "the model returned shape "
                            + (outputs == null ? "null" : Arrays.toString(outputs.shape()))
                            + ", expected "
                            + Arrays.toString(expected));
        }
        return OipJson.inferResponse(
                json,
                settings.modelName(),
                settings.modelVersion(),
                parsed.id(),
                OUTPUT_NAME,
                outputs);
    }

    /**
     * Lenient about the content type, since common clients send none or a wrong one for JSON (curl
     * -d and Python's urllib send application/x-www-form-urlencoded); strict only where the body is
     * surely not plain JSON: another declared format, or a compressed body.
     */
    private static void checkContentHeaders(Request request) throws HttpError {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null) {
            String mime = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            boolean json =
                    mime.isEmpty()
                            || mime.equals("application/json")
                            || mime.equals("text/json")
                            || mime.endsWith("+json")
                            || mime.equals("text/plain")
                            || mime.equals("application/x-www-form-urlencoded");
            if (!json) {
                throw new HttpError(
                        415,
                        "content type "
                                + InferRequestReader.truncate(mime)
                                + " is not accepted: send the request as JSON (application/json);"
                                + " the binary tensor extension is not supported");
            }
        }
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new HttpError(
                    415,
                    "content encoding "
                            + InferRequestReader.truncate(encoding)
                            + " is not supported: send the body uncompressed");
        }
    }

    /** The first line of a throwable's message, or its class name when it has none. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        String line = (nl < 0 ? m : m.substring(0, nl)).replace('\r', ' ').trim();
        return InferRequestReader.truncate(line);
    }
}
