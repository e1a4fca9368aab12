import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Fails when a staged function app's first-request class list (what the app's ClassPreload loads on a thread of its
 * own) is missing or has gone stale: more than {@value #MAX_MISSING_PERCENT} % of its names in neither a jar of the
 * package nor the JDK, as after a dependency upgrade or a renamed package. A stale name costs nothing at run time,
 * but the preloading it stood for is lost without a word, so the packaging says so. Run with the JDK's single-file
 * launcher: {@code java infra/checks/package/FirstRequestClasses.java functions/research/target/azure-functions/
 * research research}. The azure-functions profile runs it on every staged app.
 */
public final class FirstRequestClasses {

    static final String LIST = "META-INF/aiplatform/first-request.classes";
    static final int MAX_MISSING_PERCENT = 2;
    private static final int SHOWN = 10;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java FirstRequestClasses.java <staged app folder> <app name>");
            System.exit(2);
        }
        Path app = Path.of(args[0]);
        String regenerate = "write it again with ./platform bench-cold-start --apps " + args[1]
                + " --write-class-lists, then package again";
        List<Path> jars;
        try (Stream<Path> walk = Files.walk(app, 2)) {
            jars = walk.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        List<ZipFile> open = new ArrayList<>();
        try {
            List<String> names = null;
            for (Path jar : jars) {
                ZipFile zip = new ZipFile(jar.toFile());
                open.add(zip);
                ZipEntry list = zip.getEntry(LIST);
                if (list != null) {
                    if (names != null) {
                        fail(app + ": more than one jar holds " + LIST + " (" + jar.getFileName() + " too)");
                    }
                    names = names(zip, list);
                }
            }
            if (names == null || names.isEmpty()) {
                fail(app + ": no jar of the package holds a class list at " + LIST + "; " + regenerate);
            }
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                String file = name.replace('.', '/') + ".class";
                boolean found = open.stream().anyMatch(zip -> zip.getEntry(file) != null)
                        || ClassLoader.getPlatformClassLoader().getResource(file) != null;
                if (!found) {
                    missing.add(name);
                }
            }
            String line = String.format(Locale.ROOT, "%s: %d of %d first-request classes resolve", app.getFileName(),
                    names.size() - missing.size(), names.size());
            if (missing.size() * 100L <= MAX_MISSING_PERCENT * (long) names.size()) {
                System.out.println(line);
                return;
            }
            fail(line + ", more than " + MAX_MISSING_PERCENT + " % missing, such as "
                    + missing.subList(0, Math.min(SHOWN, missing.size())) + "; " + regenerate);
        } finally {
            for (ZipFile zip : open) {
                zip.close();
            }
        }
    }

    private static List<String> names(ZipFile zip, ZipEntry list) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(zip.getInputStream(list),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
