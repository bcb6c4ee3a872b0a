package dev.meridian.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundledFilesTest {

    @Test
    void theWorkingDirectoryCopyWins() {
        BundledFiles.Location l = BundledFiles.resolveDir(Shipped.WORK_DIR, "policies");
        assertThat(l).isEqualTo(new BundledFiles.Location(Shipped.WORK_DIR.resolve("policies"), false));
    }

    @Test
    void aMissingDirectoryComesFromTheBuild(@TempDir Path empty) throws IOException {
        BundledFiles.Location l = BundledFiles.resolveDir(empty, "policies");
        assertThat(l.bundled()).isTrue();
        assertThat(l.dir()).isAbsolute();
        assertThat(Files.readString(l.dir().resolve("sizing_policy.json")))
                .isEqualTo(Files.readString(Path.of("policies/sizing_policy.json")));
        assertThat(BundledFiles.bundledDir("policies")).isEqualTo(l.dir());
    }

    @Test
    void aJarsBundledDirectoryIsExtractedWithItsSubdirectories(@TempDir Path tmp) throws IOException {
        // No directory entries: jars built by some tools omit them.
        Path jar = jar(tmp.resolve("app.jar"), Map.of(
                "bundled/webroot/index.html", "<h1>Meridian</h1>",
                "bundled/webroot/js/app.js", "console.log(1)",
                "bundled/conf/meridian.json", "{}"));
        Path dir = BundledFiles.locate(jar, "webroot");
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("<h1>Meridian</h1>");
        assertThat(Files.readString(dir.resolve("js/app.js"))).isEqualTo("console.log(1)");
        assertThat(dir.resolve("meridian.json")).doesNotExist();
    }

    @Test
    void aDirectoryTheBuildDidNotBundleIsAnError(@TempDir Path tmp) throws IOException {
        Path jar = jar(tmp.resolve("app.jar"), Map.of("bundled/conf/meridian.json", "{}"));
        assertThatThrownBy(() -> BundledFiles.locate(jar, "webroot"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no bundled webroot/");
        assertThatThrownBy(() -> BundledFiles.locate(tmp, "webroot"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no bundled webroot/");
    }

    @Test
    void onlyPlainDirectoryNamesAreAccepted() {
        for (String bad : new String[] {"", ".", "..", "../etc", "a/b", "a\\b"}) {
            assertThatThrownBy(() -> BundledFiles.resolveDir(Shipped.WORK_DIR, bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Path jar(Path path, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return path;
    }
}
