package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.study.experiment.Presets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random corruptions of an experiment file (lines dropped, duplicated, swapped, truncated, bytes flipped,
 * garbage inserted): every case is either a valid experiment or a usage error that names the file and line.
 */
class ExperimentFileFuzzTest {

    private static final String[] GARBAGE = {"=", "method =", "observed = 1..", "seeds = a..b", "x = colour",
        "lambda = -1", "size = 0", "method = adam:x+R", "method = gd lr", "name = ../../etc", "\u0000", "\t",
        "observed = 1,,2", "depth = 1..999999", "iterations = 5e", "method = +R", "rank = 3, x", "# ok"};

    @TempDir
    Path dir;

    static Stream<Long> seeds() {
        return LongStream.range(0, 120).map(i -> 0xE4E0000L + 17 * i).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyCorruptedFileIsRunOrRefusedWithItsLine(long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(Presets.text("figure4", false).lines().toList());
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = rng.nextInt(lines.size());
            switch (rng.nextInt(6)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> lines.set(i, GARBAGE[rng.nextInt(GARBAGE.length)]);
                case 3 -> {
                    String l = lines.get(i);
                    lines.set(i, l.substring(0, rng.nextInt(l.length() + 1)));
                }
                case 4 -> {
                    char[] c = lines.get(i).toCharArray();
                    if (c.length > 0) {
                        c[rng.nextInt(c.length)] = (char) (32 + rng.nextInt(95));
                    }
                    lines.set(i, new String(c));
                }
                default -> lines.add(i, GARBAGE[rng.nextInt(GARBAGE.length)]);
            }
        }
        Path file = dir.resolve("fuzz-" + seed + ".exp");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("experiment", file.toString(), "--dry-run");
        String what = String.join("\n", lines) + "\n-> " + run.code() + " " + run.err();
        assertTrue(run.code() == 0 || run.code() == 2, what);
        assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), what);
        if (run.code() == 2) {
            assertTrue(run.err().contains(file.toString()), "the error names the file: " + what);
        }
    }
}
