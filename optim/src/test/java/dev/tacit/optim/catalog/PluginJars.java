package dev.tacit.optim.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/** Builds small plugin jars for tests: compiles a module's sources against Tacit's modules and packs the classes. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * @param jar        the jar to write
     * @param sources    file name (relative, for example {@code module-info.java} or {@code p/A.java}) to source
     * @param modulePath extra compiled modules the sources need besides Tacit's
     * @return the jar
     */
    static Path compile(Path jar, Map<String, String> sources, Path... modulePath) {
        try {
            Path work = Files.createTempDirectory(jar.getParent(), "src");
            Path classes = work.resolve("classes");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path f = work.resolve("src").resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
                files.add(f.toString());
            }
            StringBuilder path = new StringBuilder(System.getProperty("jdk.module.path"));
            for (Path p : modulePath) {
                path.append(java.io.File.pathSeparator).append(p);
            }
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", path.toString(),
                    "-proc:none", "-Xlint:-options"));
            args.addAll(files);
            // java.util.spi.ToolProvider (in java.base): the test module does not read java.compiler.
            ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
            StringWriter log = new StringWriter();
            PrintWriter out = new PrintWriter(log);
            if (javac.run(out, out, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test plugin does not compile:\n" + log);
            }
            return jar(jar, classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs a directory of classes (and resources) into a jar. */
    static Path jar(Path jar, Path root) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }

    /** A plain optimizer provider class: gradient descent under the given name. */
    static String optimizer(String pkg, String className, String name, String constructorBody) {
        return """
                package %1$s;

                import dev.tacit.algebra.Matrix;
                import dev.tacit.api.*;
                import java.util.ArrayList;
                import java.util.List;

                public final class %2$s implements OptimizerProvider {
                    public %2$s() { %4$s }
                    public String name() { return "%3$s"; }
                    public String description() { return "test optimizer"; }
                    public List<Hyperparameter> parameters() {
                        return List.of(Hyperparameter.real("lr", 0.1, 0, 10, "learning rate"));
                    }
                    public Optimizer create(Settings s) {
                        double base = s.get("lr");
                        return new Optimizer() {
                            public double learningRate() { return base; }
                            public State start(List<Matrix> p) { return State.EMPTY; }
                            public Step step(Input in, State st) {
                                List<Matrix> next = new ArrayList<>();
                                for (int k = 0; k < in.params().size(); k++) {
                                    next.add(in.params().get(k).axpy(-in.learningRate(), in.gradient(k)));
                                }
                                return new Step(next, st.withStep(st.step() + 1));
                            }
                        };
                    }
                }
                """.formatted(pkg, className, name, constructorBody);
    }
}
