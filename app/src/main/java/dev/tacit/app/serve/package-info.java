/**
 * {@code tacit serve}: a saved model behind HTTP, with the JDK's built-in server. {@link
 * dev.tacit.app.serve.ModelServer} routes the endpoints ({@code POST /predict}, {@code POST /recommend},
 * {@code GET /users}, {@code GET /health}, {@code GET /metrics} and the page at {@code /}), bounds every resource
 * (threads, queued connections, body size, batch size) and stops gracefully; {@link dev.tacit.app.serve.Requests}
 * reads the JSON bodies strictly, so that every bad request is a 4xx with a message; {@link
 * dev.tacit.app.serve.Answers} computes the answers with the saved model, as the {@code predict} and {@code recommend}
 * commands do; {@link dev.tacit.app.serve.ServerMetrics} counts and times the requests for Prometheus.
 */
package dev.tacit.app.serve;
