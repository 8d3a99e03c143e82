package dev.tacit.app.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send (a malformed query) and for
 * requests a test sends in parts (a request in flight during a stop).
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    /** @param address the server */
    RawHttp(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
    }

    /** Sends some bytes of the request. */
    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads one whole answer (its body delimited by Content-Length) and returns it as text, status line first.
     *
     * @return the answer
     */
    String read() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * @param address the server
     * @param request a whole request
     * @return the answer
     */
    static String exchange(InetSocketAddress address, String request) throws IOException {
        try (RawHttp raw = new RawHttp(address)) {
            raw.write(request);
            return raw.read();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
