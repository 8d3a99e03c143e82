package dev.tacit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launcher passes Spark's Java 17 flags, the same list the build gives the tests. */
class LauncherTest {

    @Test
    void theLauncherHasTheFlagsOfTheBuild() throws IOException {
        Path home = Path.of(System.getProperty("tacit.spark.home"));
        String script = Files.readString(home.resolve("bin/tacit-spark"));
        Matcher block = Pattern.compile("flags=\\(\\n(.*?)\\n\\)", Pattern.DOTALL).matcher(script);
        assertTrue(block.find(), "the launcher's flags=( ... ) list");
        Set<String> launcher = new TreeSet<>(Arrays.asList(block.group(1).strip().split("\\s+")));
        Set<String> build = new TreeSet<>(Arrays.asList(System.getProperty("tacit.spark.jvm.flags").strip()
                .split("\\s+")));
        assertEquals(build, launcher);
        assertTrue(Files.isExecutable(home.resolve("bin/tacit-spark")));
    }
}
