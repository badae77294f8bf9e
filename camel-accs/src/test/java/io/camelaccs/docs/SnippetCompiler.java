package io.camelaccs.docs;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory against the test classpath, as a user's project with the same dependencies would.
 */
final class SnippetCompiler {

    /** The outcome for one group of sources: classes by name, or javac's errors with the generated source. */
    record Result(ClassLoader loader, String errors) {
        Class<?> load(String name) throws ClassNotFoundException {
            if (errors != null) {
                throw new AssertionError("the snippet does not compile:\n" + errors);
            }
            return loader.loadClass(name);
        }
    }

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final String classpath = classpath();

    /** Sources by class name (fully qualified), compiled together. */
    Result compile(Map<String, String> sources) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(
                new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                }));
        boolean ok = javac.getTask(null, files, diagnostics,
                List.of("-classpath", classpath, "-proc:none", "-nowarn", "-Xlint:none"), null, units).call();
        if (!ok) {
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                    .collect(Collectors.joining("\n"));
            String listing = sources.values().stream().map(SnippetCompiler::numbered)
                    .collect(Collectors.joining("\n----\n"));
            return new Result(null, errors + "\n\n" + listing);
        }
        ClassLoader loader = new ClassLoader(SnippetCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
        return new Result(loader, null);
    }

    private static String numbered(String source) {
        List<String> lines = source.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines.get(i)));
        }
        return out.toString();
    }

    /**
     * Surefire usually starts the test JVM with a manifest-only jar, so java.class.path names that jar alone and
     * the real path is in its manifest (or in surefire.test.class.path).
     */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        String path = System.getProperty("java.class.path");
        if (!path.contains(File.pathSeparator) && path.endsWith(".jar")) {
            try (JarFile jar = new JarFile(path)) {
                String manifest = jar.getManifest() == null ? null
                        : jar.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifest != null) {
                    List<String> entries = new ArrayList<>();
                    for (String url : manifest.trim().split("\\s+")) {
                        entries.add(Path.of(URI.create(url.startsWith("file:") ? url
                                : new File(path).getParentFile().toURI().resolve(url).toString())).toString());
                    }
                    return String.join(File.pathSeparator, entries);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the class path from " + path, e);
            }
        }
        return path;
    }
}
