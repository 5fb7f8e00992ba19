package dev.sensiprint.endpoint;

import java.net.URI;
import java.net.URISyntaxException;

/** URL helpers that keep credentials out of messages. */
final class Urls {

    private Urls() {}

    /** scheme://host:port/path, without user info or query (either may carry a secret). */
    static String display(URI uri) {
        if (uri == null) {
            return "(no URL)";
        }
        StringBuilder sb = new StringBuilder();
        if (uri.getScheme() != null) {
            sb.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            sb.append(uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost());
        }
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            sb.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            sb.append("?…");
        }
        return sb.toString();
    }

    /** The base URI with {@code path} appended to its path, query kept. */
    static URI resolve(URI base, String path) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        try {
            String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
            return new URI(
                    base.getScheme() + "://" + base.getRawAuthority() + basePath + path + query);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build a URL for path " + path, e);
        }
    }
}
