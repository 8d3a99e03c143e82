package dev.tacit.app.serve;

import java.util.Set;

/** The server's endpoints: a closed set, each with the methods it answers and its tag in the metrics. */
enum Endpoint {
    /** The page and its script and style sheet. */
    PAGE("/", Set.of("GET", "HEAD")),
    /** Predictions for (user, item) pairs. */
    PREDICT("/predict", Set.of("POST")),
    /** A user's recommendations. */
    RECOMMEND("/recommend", Set.of("POST")),
    /** The users the model knows, for the page's suggestions. */
    USERS("/users", Set.of("GET", "HEAD")),
    /** Whether the server is up, and what model it serves. */
    HEALTH("/health", Set.of("GET", "HEAD")),
    /** Prometheus metrics. */
    METRICS("/metrics", Set.of("GET", "HEAD")),
    /** Any other path: 404. */
    OTHER("other", Set.of());

    private final String tag;
    private final Set<String> methods;

    Endpoint(String tag, Set<String> methods) {
        this.tag = tag;
        this.methods = methods;
    }

    /** @return the value of the {@code endpoint} tag */
    String tag() {
        return tag;
    }

    /** @return the methods it answers */
    Set<String> methods() {
        return methods;
    }

    /** @return the value of an {@code Allow} header */
    String allow() {
        return methods.contains("POST") ? "POST" : "GET, HEAD";
    }

    /**
     * @param path     the request's path
     * @param isAsset  whether the path is one of the page's files
     * @return its endpoint
     */
    static Endpoint of(String path, boolean isAsset) {
        if (isAsset) {
            return PAGE;
        }
        for (Endpoint e : values()) {
            if (e != PAGE && e != OTHER && e.tag.equals(path)) {
                return e;
            }
        }
        return OTHER;
    }
}
