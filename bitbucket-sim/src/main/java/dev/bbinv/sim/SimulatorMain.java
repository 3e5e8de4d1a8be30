package dev.bbinv.sim;

import dev.bbinv.sim.estate.EstateSpec;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator by hand until Ctrl-C, e.g.
 * {@code java -cp ... dev.bbinv.sim.SimulatorMain --port 7990 --cloud-repos 500 --server-repos 200}.
 */
public final class SimulatorMain {
    private static final String USAGE = "usage: SimulatorMain [--port N] [--host H] [--seed N] [--cloud-workspaces N]"
            + " [--cloud-repos N] [--server-projects N] [--server-repos N] [--server-personal-projects N]"
            + " [--server-rate-limit BURST,PER_SECOND] [--search-off 404|403] [--search-index-lag-ms N]"
            + " [--cloud-members-per-workspace N] [--request-log full|counts] [--exit-on-stdin-eof]";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        BitbucketSimulator.Builder sim = BitbucketSimulator.builder();
        EstateSpec.Builder spec = EstateSpec.builder().cloudWorkspaces(2).cloudRepos(100);
        boolean projectsGiven = false;
        boolean serverReposGiven = false;
        int[] rateLimit = null;
        Integer searchOff = null;
        int searchLagMs = 0;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(USAGE);
                return;
            }
            if (flag.equals("--exit-on-stdin-eof")) {
                exitOnStdinEof = true;
                continue;
            }
            if (i + 1 >= args.length) {
                fail("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> sim.port(number(flag, value));
                case "--host" -> sim.host(value);
                case "--seed" -> spec.seed(number(flag, value));
                case "--cloud-workspaces" -> spec.cloudWorkspaces(number(flag, value));
                case "--cloud-repos" -> spec.cloudRepos(number(flag, value));
                case "--server-projects" -> {
                    spec.serverProjects(number(flag, value));
                    projectsGiven = true;
                }
                case "--server-repos" -> {
                    spec.serverRepos(number(flag, value));
                    serverReposGiven = true;
                }
                case "--server-personal-projects" -> spec.serverPersonalProjects(number(flag, value));
                case "--server-rate-limit" -> {
                    String[] parts = value.split(",", -1);
                    if (parts.length != 2) {
                        fail(flag + " takes BURST,PER_SECOND (e.g. 60,5, Atlassian's defaults), got '" + value + "'");
                    }
                    rateLimit = new int[] {number(flag, parts[0].trim()), number(flag, parts[1].trim())};
                }
                case "--search-off" -> searchOff = number(flag, value);
                case "--search-index-lag-ms" -> searchLagMs = number(flag, value);
                case "--cloud-members-per-workspace" -> spec.cloudMembersPerWorkspace(number(flag, value));
                case "--request-log" -> {
                    if (value.equals("counts")) {
                        sim.countRequestsOnly();
                    } else if (!value.equals("full")) {
                        fail(flag + " takes full or counts, got '" + value + "'");
                    }
                }
                default -> fail("unknown option " + flag);
            }
        }
        if (serverReposGiven && !projectsGiven) {
            spec.serverProjects(3);
        }
        BitbucketSimulator running;
        try {
            running = sim.estate(spec.build()).start();
            if (rateLimit != null) {
                running.serverRateLimit().enable(rateLimit[0], rateLimit[1]);
            }
            running.codeSearch().indexLag(java.time.Duration.ofMillis(searchLagMs));
            if (searchOff != null) {
                running.codeSearch().disable(searchOff);
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        System.out.println("Bitbucket Cloud API:  " + running.cloudApiBase()
                + "  (Basic " + BitbucketSimulator.CLOUD_EMAIL + " : " + BitbucketSimulator.CLOUD_API_TOKEN + ")");
        System.out.println("Bitbucket DC base:    " + running.serverBase()
                + "  (Basic " + BitbucketSimulator.SERVER_ADMIN + " : " + BitbucketSimulator.SERVER_ADMIN_PASSWORD + ")");
        System.out.println("Ctrl-C to stop.");
        System.out.flush();
        if (exitOnStdinEof) {
            exitWhenStdinCloses();
        }
        stopped.await();
    }

    /**
     * A simulator started by another process (a bench) ends with it, even when that process is killed: its end closes
     * the pipe that is our standard input.
     */
    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // anything written is ignored; only the end of input counts
                }
            } catch (java.io.IOException e) {
                // a broken pipe is an end too
            }
            System.exit(0);
        }, "stdin-eof-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(flag + " takes a number, got '" + value + "'");
            return 0;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
