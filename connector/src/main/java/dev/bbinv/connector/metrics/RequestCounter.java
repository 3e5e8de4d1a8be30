package dev.bbinv.connector.metrics;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

import okhttp3.Interceptor;
import okhttp3.Response;

/** Counts every request a profile's client sends (each retry is its own call) by endpoint and answer. */
public final class RequestCounter implements Interceptor {
    private final ConnectorStats stats;
    private final String profile;

    public RequestCounter(ConnectorStats stats, String profile) {
        this.stats = stats;
        this.profile = profile;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String endpoint = EndpointLabel.of(chain.request().url().encodedPath());
        try {
            Response response = chain.proceed(chain.request());
            stats.request(profile, endpoint, Integer.toString(response.code()));
            return response;
        } catch (SocketTimeoutException e) {
            stats.request(profile, endpoint, "timeout");
            throw e;
        } catch (InterruptedIOException e) {
            throw e; // the connector is closing: not an answer from Bitbucket
        } catch (IOException e) {
            stats.request(profile, endpoint, "io-error");
            throw e;
        }
    }
}
