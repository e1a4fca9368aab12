import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rewrites the signed jars of a staged function app's {@code lib/} without their signatures, then proves that no
 * class left in them is signed. Run with the JDK's single-file launcher:
 * {@code java infra/checks/package/UnsignedJars.java functions/research/target/azure-functions/research/lib}.
 *
 * <p>Why: the Azure SDK's jars are signed. The JVM verifies a signed jar when it first loads a class from it (the
 * PKCS#7 signature, then each entry's digest), and class data sharing never archives a signed jar's classes. In
 * the cold-start benchmark the research app answered its first request 8-14 % sooner with its jars unsigned. The
 * signature gives nothing at run time: nothing checks who signed a class-path jar, and the build already checks each
 * download against its checksum.
 *
 * <p>What changes in a signed jar: the signature files go ({@code META-INF/*.SF}, {@code *.RSA}, {@code *.DSA},
 * {@code *.EC}, {@code SIG-*}) and so do the manifest's per-entry sections that hold only digests; the main
 * attributes, every other section and every other entry stay as they were. An unsigned jar is not touched. A JCE
 * provider's jar ({@code META-INF/services/java.security.Provider}) keeps its signature, because a JDK may insist on
 * one there. Exit 1 when a jar is still signed after the rewrite, 2 on a bad argument.
 */
public final class UnsignedJars {

    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)",
            Pattern.CASE_INSENSITIVE);
    private static final String PROVIDER_SERVICE = "META-INF/services/java.security.Provider";

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java UnsignedJars.java <lib folder>" + (args.length == 1
                    ? " (" + args[0] + " is not a folder)" : ""));
            System.exit(2);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        List<String> unsigned = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> stillSigned = new ArrayList<>();
        for (Path jar : jars) {
            Signing signing = signing(jar);
            if (signing == Signing.PROVIDER) {
                kept.add(jar.getFileName().toString());
                continue;
            }
            if (signing == Signing.SIGNED) {
                unsign(jar);
                unsigned.add(jar.getFileName().toString());
                // a jar without signature files has no signers, so only the rewritten ones need the proof
                if (hasSignedEntry(jar)) {
                    stillSigned.add(jar.getFileName().toString());
                }
            }
        }
        if (!stillSigned.isEmpty()) {
            System.err.println("Still signed after the rewrite: " + String.join(", ", stillSigned));
            System.exit(1);
        }
        System.out.println(String.format(Locale.ROOT, "%d jars: %d unsigned (%s)%s", jars.size(), unsigned.size(),
                String.join(", ", unsigned), kept.isEmpty() ? ""
                        : "; signature kept on the JCE providers " + String.join(", ", kept)));
    }

    private enum Signing { UNSIGNED, SIGNED, PROVIDER }

    private static Signing signing(Path jar) throws IOException {
        boolean signed = false;
        boolean provider = false;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                signed |= SIGNATURE_FILE.matcher(name).matches();
                provider |= name.equals(PROVIDER_SERVICE);
            }
        }
        return !signed ? Signing.UNSIGNED : provider ? Signing.PROVIDER : Signing.SIGNED;
    }

    /** Deletes the signature files and the digest-only manifest sections in place (the zip file system rewrites it). */
    private static void unsign(Path jar) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path metaInf = zip.getPath("META-INF");
            List<Path> signatureFiles;
            try (Stream<Path> files = Files.list(metaInf)) {
                signatureFiles = files.filter(f -> SIGNATURE_FILE.matcher("META-INF/" + f.getFileName()).matches())
                        .toList();
            }
            for (Path file : signatureFiles) {
                Files.delete(file);
            }
            Path manifestPath = zip.getPath(JarFile.MANIFEST_NAME);
            if (Files.exists(manifestPath)) {
                Manifest manifest;
                try (InputStream in = Files.newInputStream(manifestPath)) {
                    manifest = new Manifest(in);
                }
                manifest.getEntries().values().removeIf(UnsignedJars::onlyDigests);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                manifest.write(out);
                Files.write(manifestPath, out.toByteArray());
            }
        }
    }

    private static boolean onlyDigests(Attributes section) {
        return section.keySet().stream().allMatch(name -> name.toString().toLowerCase(Locale.ROOT).endsWith("-digest"));
    }

    /** Reads every entry with verification on: only then does a jar entry know its signers. */
    private static boolean hasSignedEntry(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                if (entry.getCodeSigners() != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
