package dev.bbinv.sim;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.auth.CredentialStore;
import dev.bbinv.sim.estate.AdminUsers;
import dev.bbinv.sim.estate.CloudEstate;
import dev.bbinv.sim.estate.Estate;
import dev.bbinv.sim.estate.EstateGenerator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.sim.fault.FaultInjector;
import dev.bbinv.sim.fault.HourlyBudget;
import dev.bbinv.sim.fault.TokenBucketLimiter;
import dev.bbinv.sim.http.AdminApi;
import dev.bbinv.sim.http.HttpSettings;
import dev.bbinv.sim.http.SimulatorHttpHandler;
import dev.bbinv.sim.log.RequestLog;
import dev.bbinv.sim.search.CodeSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server that simulates Bitbucket Cloud ({@code /2.0}) and Data Center ({@code /rest/api/1.0}) over a
 * generated, mutable estate, with credentials, per-credential hourly budgets, fault injection and a request log.
 */
public final class BitbucketSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BitbucketSimulator.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus the client's delayed
        // ACK adds ~40 ms to every small response. Read once, when the JVM's first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Default Cloud credential: Atlassian account email + API token (Basic), all scopes. */
    public static final String CLOUD_EMAIL = "sim-user@example.com";
    public static final String CLOUD_API_TOKEN = "sim-cloud-api-token";
    /** Default Cloud workspace access token (Bearer); logged as {@code access-token:workspace}. */
    public static final String CLOUD_ACCESS_TOKEN = "sim-cloud-access-token";
    /** Default DC admin (Basic); may read {@code /admin/users}. */
    public static final String SERVER_ADMIN = "admin";
    public static final String SERVER_ADMIN_PASSWORD = "sim-admin-password";
    /** Default DC non-admin user (Basic); {@code /admin/users} answers 401. */
    public static final String SERVER_USER = "reader";
    public static final String SERVER_USER_PASSWORD = "sim-reader-password";
    /** Default DC HTTP access token of the admin (Bearer); logged as {@code http-token:admin}. */
    public static final String SERVER_HTTP_TOKEN = "sim-http-access-token";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpSettings settings;

    private BitbucketSimulator(HttpServer server, ExecutorService executor, HttpSettings settings) {
        this.server = server;
        this.executor = executor;
        this.settings = settings;
    }

    /** Starts on a free port with the default credentials over an estate generated from {@code spec}. */
    public static BitbucketSimulator start(EstateSpec spec) {
        return builder().estate(spec).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Cloud API base, e.g. {@code http://127.0.0.1:PORT/2.0}. */
    public String cloudApiBase() {
        return settings.cloudApiBase();
    }

    /** The DC base URL, e.g. {@code http://127.0.0.1:PORT}; the REST API is under {@code /rest/api/1.0}. */
    public String serverBase() {
        return settings.serverBase();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Estate estate() {
        return settings.estate();
    }

    /** The Cloud estate, for reading expectations and mutating between scans. */
    public CloudEstate cloud() {
        return settings.estate().cloud();
    }

    /** The DC estate, for reading expectations and mutating between scans. */
    public ServerEstate server() {
        return settings.estate().server();
    }

    /** Accepted credentials; add or revoke while running. */
    public CredentialStore credentials() {
        return settings.credentials();
    }

    /** Armed faults. */
    public FaultInjector faults() {
        return settings.faults();
    }

    /** Arms a fault; shorthand for {@code faults().add(fault)}. */
    public BitbucketSimulator inject(Fault fault) {
        settings.faults().add(fault);
        return this;
    }

    /** Per-credential rolling-hour budgets (429 past the limit). */
    public HourlyBudget budgets() {
        return settings.budget();
    }

    /**
     * Data Center's rate limiter, a token bucket per user ({@code serverRateLimit().enable(60, 5)} for Atlassian's
     * defaults): an empty bucket answers 429 with Retry-After, before the hourly budget counts the request.
     */
    public TokenBucketLimiter serverRateLimit() {
        return settings.serverRateLimit();
    }

    /** Every request answered; {@code requests().reset()} between phases of a test. */
    /** Code search, Cloud's and Data Center's repos-matching-root-file: switch it off (404/403) or give its index a lag. */
    public CodeSearch codeSearch() {
        return settings.codeSearch();
    }

    public RequestLog requests() {
        return settings.log();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Options for {@link BitbucketSimulator}; every one has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private EstateSpec spec = EstateSpec.cloud(1, 25);
        private Clock clock = Clock.systemUTC();
        private final List<Credential> credentials = new ArrayList<>();
        private boolean defaultCredentials = true;
        private int serverLimitCap = 1000;
        private int serverStartStride = 3;
        private String serverVersion = "9.2.0";
        private AdminUsers adminUsers = AdminUsers.ADMINS_ONLY;
        private String cloudWebBase = "https://bitbucket.org";
        private int threads = 16;
        private KeyStore tlsKeyStore;
        private char[] tlsKeyPassword;
        private boolean countRequestsOnly;

        private Builder() {
        }

        /** Address to bind; default 127.0.0.1. URLs always use this host. */
        public Builder host(String v) { host = v; return this; }
        /** Port; 0 (default) picks a free one. */
        public Builder port(int v) { port = v; return this; }
        public Builder estate(EstateSpec v) { spec = v; return this; }
        /** Clock for budgets, request times and mutation timestamps. */
        public Builder clock(Clock v) { clock = v; return this; }
        /** Accepts this credential in addition to the defaults. */
        public Builder credential(Credential v) { credentials.add(v); return this; }
        /** Accepts only credentials added with {@link #credential}. */
        public Builder withoutDefaultCredentials() { defaultCredentials = false; return this; }
        /** DC page size cap (default 1000); read back as {@code limit}. */
        public Builder serverLimitCap(int v) { serverLimitCap = v; return this; }
        /** DC start positions are index × stride (default 3, so start+size is wrong; 1 = contiguous). */
        public Builder serverStartStride(int v) { serverStartStride = v; return this; }
        /** DC version reported and honoured (below 9: no {@code defaultBranch}); default 9.2.0. */
        public Builder serverVersion(String v) { serverVersion = v; return this; }
        /** How DC {@code /admin/users} answers (default admins only, others 401); also {@code server().adminUsers(..)}. */
        public Builder serverAdminUsers(AdminUsers v) { adminUsers = v; return this; }
        /** Where Cloud html/clone links point; default https://bitbucket.org. */
        public Builder cloudWebBase(String v) { cloudWebBase = v; return this; }
        /** HTTP worker threads (default 16; injected delays hold one each). */
        public Builder threads(int v) { threads = v; return this; }
        /** The request log keeps counts by route only, no record per request (for estates of millions). */
        public Builder countRequestsOnly() { countRequestsOnly = true; return this; }
        /** Serves HTTPS with the key in this store (see {@code SelfSignedKeyStore}); base URLs become https. */
        public Builder tls(KeyStore keyStore, char[] keyPassword) {
            tlsKeyStore = keyStore;
            tlsKeyPassword = keyPassword.clone();
            return this;
        }

        public BitbucketSimulator start() {
            if (serverLimitCap < 1 || serverStartStride < 1 || threads < 1) {
                throw new IllegalArgumentException("serverLimitCap, serverStartStride and threads must be >= 1");
            }
            long t0 = System.nanoTime();
            Estate estate = EstateGenerator.generate(spec, clock);
            estate.server().adminUsers(adminUsers);
            CredentialStore store = new CredentialStore();
            if (defaultCredentials) {
                store.add(Credential.cloudApiToken(CLOUD_EMAIL, CLOUD_API_TOKEN));
                store.add(Credential.cloudAccessToken("workspace", CLOUD_ACCESS_TOKEN));
                store.add(Credential.serverBasic(SERVER_ADMIN, SERVER_ADMIN_PASSWORD).asAdmin());
                store.add(Credential.serverBasic(SERVER_USER, SERVER_USER_PASSWORD));
                store.add(Credential.serverBearer("admin", SERVER_HTTP_TOKEN).asAdmin());
            }
            credentials.forEach(store::add);
            HttpServer http;
            try {
                if (tlsKeyStore == null) {
                    http = HttpServer.create(new InetSocketAddress(host, port), 256);
                } else {
                    HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 256);
                    https.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
                    http = https;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the simulator to " + host + ":" + port, e);
            }
            String base = (tlsKeyStore == null ? "http" : "https") + "://" + host + ":" + http.getAddress().getPort();
            HttpSettings settings = new HttpSettings(estate, store, new FaultInjector(), new HourlyBudget(clock),
                    countRequestsOnly ? RequestLog.countsOnly() : new RequestLog(), clock, base, base + "/2.0", cloudWebBase.replaceAll("/+$", ""),
                    serverLimitCap, serverStartStride, serverVersion,
                    new TokenBucketLimiter(clock), new CodeSearch(clock));
            AtomicInteger n = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bitbucket-sim-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            http.createContext("/", new SimulatorHttpHandler(settings));
            http.createContext(AdminApi.PREFIX, new AdminApi(settings));
            http.start();
            LOG.info("Bitbucket simulator at {} ({} Cloud repositories, {} DC repositories, ready in {} ms)", base,
                    estate.cloud().size(), estate.server().size(), (System.nanoTime() - t0) / 1_000_000);
            return new BitbucketSimulator(http, executor, settings);
        }

        private SSLContext sslContext() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(tlsKeyStore, tlsKeyPassword);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the TLS key store cannot be used: " + e.getMessage(), e);
            }
        }
    }
}
