package dev.sensiprint.serve;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a malformed request line, an ambiguous URI, headers too large, a
 * request refused while stopping) as the protocol's {@code {"error": "..."}}, never as Jetty's HTML
 * page and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final JsonFactory json;

    JsonErrorHandler(JsonFactory json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            String message,
            Throwable cause,
            Callback callback) {
        String line = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl);
        }
        line = InferRequestReader.truncate(line);
        request.setAttribute(OipHandler.ERROR_ATTRIBUTE, line);
        byte[] body = OipJson.error(json, line);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return null;
        }
        String line = reason == null ? HttpStatus.getMessage(status) : reason;
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(OipJson.error(json, InferRequestReader.truncate(line)));
    }
}
