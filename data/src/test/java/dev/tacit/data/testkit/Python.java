package dev.tacit.data.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python 3 snippets for interoperability tests (NumPy, SciPy). Tests check {@link #has} in an assumption, so
 * they are reported as skipped on a machine without Python or the packages.
 */
public final class Python {

    private static final ConcurrentHashMap<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();

    private Python() {
    }

    /**
     * @param modules modules that must import, such as {@code numpy}
     * @return whether {@code python3} runs and imports them all
     */
    public static boolean has(String... modules) {
        String key = String.join(",", modules);
        return AVAILABLE.computeIfAbsent(key, k -> {
            try {
                StringBuilder script = new StringBuilder();
                for (String m : modules) {
                    script.append("import ").append(m).append('\n');
                }
                run(script.toString());
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * Runs a script and returns what it prints; fails if it exits with an error or runs over a minute.
     *
     * @param script the Python source
     * @param args   its arguments ({@code sys.argv[1:]})
     * @return its standard output
     * @throws IOException if python3 cannot be started
     */
    public static String run(String script, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        for (Object a : args) {
            cmd.add(a instanceof Path p ? p.toAbsolutePath().toString() : String.valueOf(a));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        try {
            // Standard error is drained beside standard output, so that neither pipe can fill and stall the other.
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = errors.join();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python3 ran over a minute");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("python3 failed (" + p.exitValue() + "): "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while python3 ran", e);
        }
    }
}
