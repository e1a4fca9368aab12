package com.aiplatform.bench.coldstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive form the worker can use, proven on a real JVM: a class that a {@code URLClassLoader} of its own loads
 * from an app jar (as the worker loads an app) comes from the archive, which was dumped with no app class path.
 */
class AppCdsArchiveTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** {@link Sample}'s name as a constant: the loader must not link to the class itself. */
    private static final String SAMPLE = "com.aiplatform.bench.coldstart.AppCdsArchiveTest$Sample";

    @TempDir
    Path dir;

    /** The app class: in the app's jar only, never on the child JVM's class path. */
    public static final class Sample implements Runnable {
        @Override
        public void run() {
            System.out.println("sample ran");
        }
    }

    /** The stand-in for the worker: loads the app jar with a loader of its own and runs {@link Sample}. */
    public static final class Loader {
        public static void main(String[] args) throws Exception {
            try (URLClassLoader app = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()})) {
                ((Runnable) Class.forName(SAMPLE, true, app).getDeclaredConstructor().newInstance())
                        .run();
            }
        }
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private String run(Path loaderDir, Path jar, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", loaderDir.toString(), Loader.class.getName(), jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void should_serve_a_custom_loaders_app_class_from_an_archive_dumped_without_an_app_class_path() throws Exception {
        Path appFolder = Files.createDirectories(dir.resolve("app/lib"));
        Path jar = appFolder.resolve("sample.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry(Sample.class.getName().replace('.', '/') + ".class"));
            zip.write(classBytes(Sample.class));
            zip.closeEntry();
        }
        Path loaderDir = dir.resolve("worker");
        Path loaderClass = loaderDir.resolve(Loader.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(loaderClass.getParent());
        Files.write(loaderClass, classBytes(Loader.class));
        Path jdkList = dir.resolve("jdk.classlist");
        Path loadLog = dir.resolve("load.log");
        assertThat(run(loaderDir, jar, AppCdsArchive.trainingOptions(jdkList, loadLog).toArray(String[]::new)))
                .contains("sample ran");

        Path classList = dir.resolve("app.classlist");
        int listed = AppCdsArchive.writeClassList(jdkList, List.of(loadLog), dir.resolve("app"), classList);
        Path archive = dir.resolve("app.jsa");
        AppCdsArchive.dump(JAVA, classList, archive, dir.resolve("dump.log"));

        assertThat(listed).isEqualTo(1);
        String sampleName = Sample.class.getName().replace('.', '/');
        assertThat(Files.readAllLines(classList)).anySatisfy(line -> assertThat(line).startsWith(sampleName + " id: ")
                .contains(" super: ", " interfaces: ", " source: " + jar));
        // the worker's side (the loader, on the class path) is not in the archive's list
        assertThat(Files.readString(classList)).doesNotContain(Loader.class.getName().replace('.', '/'));
        String withArchive = run(loaderDir, jar, "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-Xlog:class+load=info");
        assertThat(withArchive).contains("sample ran", Sample.class.getName() + " source: shared objects file");
        String without = run(loaderDir, jar, "-Xlog:class+load=info");
        assertThat(without).contains(Sample.class.getName() + " source: file:" + jar);
    }

    @Test
    void should_read_a_class_files_super_class_and_interfaces() throws Exception {
        AppCdsArchive.SuperTypes list = AppCdsArchive.SuperTypes.of(classBytes(ArrayList.class));
        AppCdsArchive.SuperTypes object = AppCdsArchive.SuperTypes.of(classBytes(Object.class));

        assertThat(list.superName()).isEqualTo("java/util/AbstractList");
        assertThat(list.interfaces()).containsExactly("java/util/List", "java/util/RandomAccess",
                "java/lang/Cloneable", "java/io/Serializable");
        assertThat(object.superName()).isNull();
    }
}
