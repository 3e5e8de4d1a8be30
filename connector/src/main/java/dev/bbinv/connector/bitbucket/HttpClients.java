package dev.bbinv.connector.bitbucket;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.apache.kafka.common.config.ConfigException;

import dev.bbinv.connector.config.ConnectorConfig;
import dev.bbinv.connector.config.HttpSettings;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client of the process; per-profile clients derive from it and share its pools. */
public final class HttpClients {

    public static OkHttpClient shared(java.time.Duration timeout, java.net.URI proxy) {
        return shared(new HttpSettings(timeout, proxy, null, null, "PKCS12"));
    }

    public static OkHttpClient shared(HttpSettings settings) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout().multipliedBy(2))
                .retryOnConnectionFailure(false); // retries are ours: counted against the budget, with backoff
        if (settings.proxy() != null) {
            java.net.URI proxy = settings.proxy();
            int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
            builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
        }
        if (settings.trustStore() != null) {
            X509TrustManager trust = trustManager(settings);
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {trust}, null);
                builder.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS with the configured trust store", e);
            }
        }
        return builder.build();
    }

    private static X509TrustManager trustManager(HttpSettings settings) {
        char[] password = settings.trustStorePassword() == null ? null
                : settings.trustStorePassword().reveal().toCharArray();
        try (InputStream in = Files.newInputStream(settings.trustStore())) {
            KeyStore store = KeyStore.getInstance(settings.trustStoreType());
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new ConfigException(ConnectorConfig.HTTP_TRUSTSTORE_PATH_CONFIG, settings.trustStore().toString(),
                    "holds no X.509 trust");
        } catch (IOException | GeneralSecurityException e) {
            // The cause's message may mention the password being wrong, never the password itself.
            throw new ConfigException(ConnectorConfig.HTTP_TRUSTSTORE_PATH_CONFIG, settings.trustStore().toString(),
                    "cannot be read as " + settings.trustStoreType() + ": " + e.getMessage());
        }
    }

    private HttpClients() {}
}
