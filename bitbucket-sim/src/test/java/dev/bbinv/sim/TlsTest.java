package dev.bbinv.sim;

import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.tls.SelfSignedKeyStore;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsTest {

    @Test
    void servesHttpsTrustedOnlyByAClientThatTrustsItsCertificate() throws Exception {
        Path dir = Files.createTempDirectory("sim-tls");
        KeyStore keyStore = SelfSignedKeyStore.create(dir.resolve("sim.p12"));
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.server(1, 3))
                .tls(keyStore, SelfSignedKeyStore.PASSWORD.toCharArray()).start()) {
            assertTrue(sim.serverBase().startsWith("https://127.0.0.1:"));
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.serverBase()
                    + "/rest/api/1.0/application-properties")).timeout(Duration.ofSeconds(10)).build();

            HttpClient untrusting = HttpClient.newHttpClient();
            assertThrows(SSLHandshakeException.class, () -> untrusting.send(request, HttpResponse.BodyHandlers.ofString()));

            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(SelfSignedKeyStore.load(dir.resolve("sim.p12")));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient trusting = HttpClient.newBuilder().sslContext(ctx).build();
            HttpResponse<String> ok = trusting.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"version\""));
        }
    }
}
