package dev.bbinv.sim.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates a PKCS12 key store holding a self-signed certificate for 127.0.0.1/localhost, so the simulator can
 * serve HTTPS like an on-premise server with a private CA. It runs the JDK's own {@code keytool}; the same file
 * doubles as the client's trust store.
 */
public final class SelfSignedKeyStore {
    /** The password of key stores this class creates (a throwaway test certificate). */
    public static final String PASSWORD = "sim-keystore";

    private SelfSignedKeyStore() {
    }

    /** Writes a new key store to {@code file} (PKCS12, alias {@code sim}) and returns it loaded. */
    public static KeyStore create(Path file) {
        try {
            Files.deleteIfExists(file);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "sim",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", file.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed to create " + file + ": " + output.trim());
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create key store " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating key store " + file, e);
        }
    }

    /** Loads a PKCS12 key store created by {@link #create}. */
    public static KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid key store " + file, e);
        }
    }
}
