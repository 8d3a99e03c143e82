package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random argument lists for every command: whatever a user types, the tool ends with a documented exit code
 * (0 done, 1 the run failed, 2 bad usage) and never with an uncaught exception or a stack trace.
 */
class ArgumentFuzzTest {

    @TempDir
    Path dir;

    private static final String[] OPTIONS = {"--size", "--rank", "--observed", "--depth", "--optimizer", "--lr",
        "--opt", "--penalty", "--penalty-opt", "--schedule", "--schedule-opt", "--lambda", "--iterations",
        "--init-scale", "--seed", "--eval-every", "--method", "--method-opt", "--events", "--metrics-port",
        "--metrics-host", "--linger", "--plugin-path", "--set", "--jobs", "--x", "--bogus", "-z"};

    private static final String[] VALUES = {"0", "1", "2", "-1", "3", "12", "1e-3", "1e309", "NaN", "-Infinity", "",
        " ", "abc", "10x", "x10", "12x8", "2x", "99999999999", "2147483648", "adam", "gd", "lbfgs", "ratio", "none",
        "plateau", "cp", "softimpute", "optspace", "lnn", "beta2=0.99", "beta2=2", "lr=", "=", "p=x", "patience=5",
        "eps=0", "box=0", "rank=99", "/nonexistent/dir", "/dev/full", "seeds=0..1", "method=cp", "observed", "1.5",
        "0x10", "\u00e9", "-", "--", "depth", "1e9", "5"};

    /**
     * Values for the options that set how much work a valid run does: every kind of bad value, but no huge valid one
     * (a run of 10^11 iterations is valid input, just long, and would stall the suite).
     */
    private static final String[] BOUNDED = {"0", "1", "2", "-1", "3", "5", "12", "12x8", "1.5", "abc", "", "NaN",
        "1e309", "10x", "-", "--", "2147483648x2"};

    private static final java.util.Set<String> WORK_OPTIONS = java.util.Set.of("--iterations", "--linger",
        "--eval-every", "--size", "--observed", "--depth", "--rank", "--jobs");

    /** Weighted towards the commands that run something, where most of the validation is. */
    private static final String[] COMMANDS = {"train", "train", "train", "train", "complete", "complete", "complete",
        "list", "experiment", "experiment", "report", "help", "bogus"};

    static Stream<Long> seeds() {
        return LongStream.range(0, 150).map(i -> 0xF00D0000L + 31 * i).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyArgumentListEndsInADocumentedExitCode(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> args = new ArrayList<>();
        String command = COMMANDS[rng.nextInt(COMMANDS.length)];
        args.add(command);
        // Small defaults keep a run that happens to be valid to a fraction of a second; fuzzed values replace them.
        Map<String, String> options = new LinkedHashMap<>();
        if (command.equals("train") || command.equals("complete")) {
            options.put("--size", "12");
            options.put("--rank", "2");
            options.put("--observed", "60");
            options.put("--iterations", "5");
            options.put("--eval-every", "5");
            options.put("--quiet", null);
        }
        if (command.equals("complete")) {
            options.put("--method", "lnn");
        }
        if (command.equals("experiment")) {
            args.add(rng.nextBoolean() ? "figure4" : "depth");
            options.put("--dry-run", null);
        }
        int count = rng.nextInt(4);
        for (int i = 0; i < count; i++) {
            String option = OPTIONS[rng.nextInt(OPTIONS.length)];
            String[] pool = WORK_OPTIONS.contains(option) ? BOUNDED : VALUES;
            String value = pool[rng.nextInt(pool.length)];
            if (option.equals("--events") && !value.isBlank() && !value.startsWith("/") && !value.startsWith("-")) {
                // A valid relative name would be written into the working directory (the module's, under
                // Maven): the same name inside this test's own directory exercises the same path.
                value = dir.resolve(value).toString();
            }
            options.put(option, value);
        }
        options.forEach((k, v) -> {
            args.add(k);
            if (v != null) {
                args.add(v);
            }
        });
        if (rng.nextInt(10) == 0) {
            args.add(VALUES[rng.nextInt(VALUES.length)]); // a stray positional argument
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        String what = String.join(" ", args) + " -> " + run.code() + "\n" + run.err();
        assertTrue(run.code() == 0 || run.code() == 1 || run.code() == 2, what);
        assertFalse(run.err().contains("internal error"), "uncaught exception: " + what);
        assertFalse(run.err().contains("\tat "), "stack trace: " + what);
        if (run.code() == 2) {
            assertTrue(run.err().startsWith("tacit: "), "a usage error says what is wrong: " + what);
        }
    }
}
