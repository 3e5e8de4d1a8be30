package dev.bbinv.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bbinv.connector.bitbucket.AccessReport;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClients;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.BitbucketUnavailableException;
import dev.bbinv.connector.bitbucket.HttpClients;
import dev.bbinv.connector.bitbucket.RequestBudgets;
import dev.bbinv.connector.bitbucket.RetryPolicy;
import dev.bbinv.connector.bitbucket.Sleeper;
import dev.bbinv.connector.config.HttpSettings;
import dev.bbinv.connector.config.Profile;

/**
 * {@code bbinv profiles check}: makes the cheapest calls that prove every permission a profile's scans need and says
 * why when one is missing. Cloud: {@code /user}, {@code /user/workspaces} and one repository page per workspace (the
 * three API-token scopes); DC: {@code application-properties}, projects, one repository page per project ("Projects:
 * Read") and one page of users ("Account: Read"), naming the user listing scans will use.
 */
public final class ProfileChecker {

    /** One profile's verdict; {@link #toString()} is the line the CLI prints, without any secret. */
    public record Result(String profile, boolean connected, String detail) {
        @Override
        public String toString() {
            return profile + ": " + (connected ? "Connected (" + detail + ")" : "Connection failed: " + detail);
        }
    }

    public static List<Result> check(List<Profile> profiles, Duration timeout) {
        return check(profiles, HttpSettings.defaults(timeout));
    }

    /** With the connector's proxy and trust store ({@link dev.bbinv.connector.config.ConnectorConfig#httpSettings()}). */
    public static List<Result> check(List<Profile> profiles, HttpSettings http) {
        Clock clock = Clock.systemUTC();
        BitbucketClients clients = new BitbucketClients(HttpClients.shared(http),
                new RequestBudgets(1000, Duration.ofHours(1), clock, Sleeper.REAL),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO), Sleeper.REAL, clock, 4L * 1024 * 1024);
        List<Result> results = new ArrayList<>();
        for (Profile profile : profiles) {
            results.add(check(profile, clients));
        }
        return results;
    }

    static Result check(Profile profile, BitbucketClients clients) {
        try {
            AccessReport report = clients.forProfile(profile).checkAccess(profile.scopes());
            return report.complete() ? new Result(profile.name(), true, report.seen())
                    : new Result(profile.name(), false, String.join("; ", report.missing()));
        } catch (BitbucketApiException e) {
            return new Result(profile.name(), false, reason(profile, e));
        } catch (BitbucketUnavailableException e) {
            String cause = e.getMessage();
            if (cause.contains("unknown host")) {
                return new Result(profile.name(), false, "unreachable host " + profile.baseUrl().getHost());
            }
            if (cause.contains("TLS")) {
                return new Result(profile.name(), false, "TLS: " + cause.substring(cause.indexOf("TLS")));
            }
            return new Result(profile.name(), false, "unreachable host " + profile.baseUrl().getHost() + ": " + cause);
        } catch (BitbucketException e) {
            return new Result(profile.name(), false, e.getMessage());
        }
    }

    /** Pure: what a failed check means for the user. */
    static String reason(Profile profile, BitbucketApiException e) {
        String bitbucket = e.reason() == null ? "" : " (Bitbucket says: " + e.reason() + ")";
        return switch (e.status()) {
            case 401 -> "401: credentials rejected; check " + profile.dialect().credentialsHint() + bitbucket;
            case 403 -> "403: missing scope or permission for " + e.method() + " " + e.path() + "; "
                    + profile.dialect().permissionsHint() + bitbucket;
            case 404 -> "404 for " + e.path() + ": is " + profile.baseUrl() + " the right "
                    + profile.dialect().baseUrlHint();
            default -> e.getMessage();
        };
    }

    private ProfileChecker() {}
}
