package dev.bbinv.connector.bitbucket;

import java.io.IOException;

import dev.bbinv.connector.config.Credentials;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds the profile's Authorization header (Basic user:secret or Bearer token) to requests for the profile's own host
 * only; a request for any other host goes out without credentials.
 */
final class AuthInterceptor implements Interceptor {
    private final String host;
    private final String authorization;

    AuthInterceptor(String host, Credentials credentials) {
        this.host = host;
        this.authorization = switch (credentials.scheme()) {
            case BASIC -> okhttp3.Credentials.basic(credentials.user(), credentials.secret().reveal(),
                    java.nio.charset.StandardCharsets.UTF_8);
            case BEARER -> "Bearer " + credentials.secret().reveal();
        };
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!chain.request().url().host().equalsIgnoreCase(host)) {
            return chain.proceed(chain.request());
        }
        return chain.proceed(chain.request().newBuilder().header("Authorization", authorization).build());
    }

    @Override
    public String toString() {
        return "AuthInterceptor(" + host + ", [hidden])";
    }
}
