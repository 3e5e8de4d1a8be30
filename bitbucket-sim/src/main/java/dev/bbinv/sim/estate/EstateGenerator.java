package dev.bbinv.sim.estate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates an {@link Estate} from an {@link EstateSpec}: the same seed always gives the same estate.
 * Linear in the number of repositories (100,000 in well under a second), no per-item formatting beyond names.
 */
public final class EstateGenerator {
    private static final String[] WORKSPACES = {"acme", "globex", "initech", "umbrella", "hooli", "stark",
            "wayne", "wonka", "cyberdyne", "tyrell"};
    private static final String[][] PROJECTS = {{"PLAT", "Platform"}, {"PAY", "Payments"}, {"DATA", "Data"},
            {"WEB", "Web"}, {"MOB", "Mobile"}, {"OPS", "Operations"}, {"SEC", "Security"}, {"ML", "Machine Learning"}};
    private static final String[] DOMAINS = {"payments", "billing", "identity", "search", "catalog", "checkout",
            "ledger", "shipping", "inventory", "pricing", "notifications", "reporting", "auth", "orders", "profile"};
    private static final String[] KINDS = {"api", "service", "web", "worker", "lib", "gateway", "cli", "infra",
            "ui", "sdk"};
    /**
     * Values from Bitbucket Cloud's fixed language list (lower case; see the enricher's bitbucket-cloud-languages.csv),
     * including ones that are not Linguist names: nodejs, html/css, other. Sixteen, so the draw sequence stays put.
     */
    private static final String[] LANGUAGES = {"java", "python", "javascript", "typescript", "go", "c#", "kotlin",
            "ruby", "php", "scala", "c++", "shell", "rust", "html/css", "nodejs", "other"};
    private static final String[] FIRST = {"Alice", "Bob", "Carol", "Dan", "Erin", "Frank", "Grace", "Heidi",
            "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter"};
    private static final String[] LAST = {"Smith", "Jones", "Garcia", "Müller", "Rossi", "Dubois", "Tanaka",
            "Nowak", "Silva", "Kim", "Novak", "Jensen"};
    private static final Instant CREATED_FROM = Instant.parse("2019-01-01T00:00:00Z");
    private static final long CREATED_SPAN_S = ChronoUnit.SECONDS.between(CREATED_FROM,
            Instant.parse("2025-01-01T00:00:00Z"));
    private static final Instant UPDATED_UNTIL = Instant.parse("2025-10-01T00:00:00Z");

    private EstateGenerator() {
    }

    /** Generates the estate; {@code clock} only dates later mutations. */
    public static Estate generate(EstateSpec spec, Clock clock) {
        return new Estate(spec, cloud(spec, clock), server(spec, clock));
    }

    private static CloudEstate cloud(EstateSpec spec, Clock clock) {
        Instant now = clock.instant();
        SplittableRandom random = new SplittableRandom(spec.seed());
        List<CloudWorkspace> workspaces = new ArrayList<>();
        int remaining = spec.cloudRepos();
        for (int w = 0; w < spec.cloudWorkspaces(); w++) {
            String slug = w < WORKSPACES.length ? WORKSPACES[w] : "workspace-" + (w + 1);
            List<CloudProject> projects = new ArrayList<>();
            for (int p = 0; p < spec.cloudProjectsPerWorkspace(); p++) {
                String key = p < PROJECTS.length ? PROJECTS[p][0] : "P" + (p + 1);
                String name = p < PROJECTS.length ? PROJECTS[p][1] : "Project " + (p + 1);
                projects.add(new CloudProject(Ids.braced(Ids.uuid(random)), key, name));
            }
            List<CloudUser> members = new ArrayList<>();
            for (int m = 0; m < spec.cloudMembersPerWorkspace(); m++) {
                String first = FIRST[(w * 7 + m) % FIRST.length];
                String last = LAST[(m / FIRST.length + w) % LAST.length];
                String nick = (first + "." + last + (m >= FIRST.length ? m : "")).toLowerCase(Locale.ROOT);
                members.add(new CloudUser(Ids.braced(Ids.uuid(random)), "712020:" + Ids.uuid(random),
                        first + " " + last, nick, nick + "@" + slug + ".example.com", created(random)));
            }
            int count = remaining / (spec.cloudWorkspaces() - w);
            remaining -= count;
            List<CloudRepo> repos = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                repos.add(withCommits(spec, cloudRepo(spec, random, slug, projects.get(i % projects.size()).key(), i),
                        now));
            }
            workspaces.add(new CloudWorkspace(slug, Ids.braced(Ids.uuid(random)), capitalise(slug), projects,
                    members, repos));
        }
        return new CloudEstate(workspaces, clock, spec.catalogPath(), spec.seed(), spec.noDefaultBranchShare());
    }

    /**
     * The repository with {@code updated_on} at its last commit, as a push sets it, the commit drawn relative to
     * {@code now} so that recent, older and dormant repositories all occur; an empty one (no commit) keeps its
     * generated time and has no files. Draws from the repository's own random, so the estate's other values stay put.
     */
    private static CloudRepo withCommits(EstateSpec spec, CloudRepo r, Instant now) {
        boolean empty = CommitHistories.empty(spec.seed(), r.uuid(), spec.noDefaultBranchShare());
        Instant updated = empty ? r.updatedOn() : CommitHistories.lastCommit(spec.seed(), r.uuid(), r.createdOn(), now);
        return new CloudRepo(r.seq(), r.uuid(), r.workspace(), r.slug(), r.name(), r.description(), r.isPrivate(),
                r.language(), r.mainbranch(), r.projectKey(), r.createdOn(), updated, r.size(), r.hasIssues(),
                r.hasWiki(), r.forkPolicy(), r.headCommit(), empty ? Map.of() : r.files());
    }

    private static CloudRepo cloudRepo(EstateSpec spec, SplittableRandom random, String workspace, String project,
                                       int i) {
        String base = DOMAINS[i % DOMAINS.length] + "-" + KINDS[(i / DOMAINS.length) % KINDS.length];
        int round = i / (DOMAINS.length * KINDS.length);
        String slug = round == 0 ? base : base + "-" + round;
        // A few repositories carry a display name that differs from the slug, as hand-created ones do.
        String name = random.nextInt(10) == 0 ? capitalise(slug.replace('-', ' ')) : slug;
        Instant created = created(random);
        Instant updated = between(random, created, UPDATED_UNTIL);
        String language = random.nextDouble() < spec.languageShare() ? LANGUAGES[random.nextInt(LANGUAGES.length)]
                : "";
        String description = random.nextInt(3) == 0 ? "" : "The " + base.replace('-', ' ') + " of " + workspace;
        Map<String, String> files = catalog(spec, random, slug, name);
        return new CloudRepo(i + 1, Ids.braced(Ids.uuid(random)), workspace, slug, name, description,
                random.nextDouble() < spec.privateShare(), language, random.nextInt(5) == 0 ? "master" : "main",
                project, created, updated, 10_000 + random.nextInt(50_000_000), random.nextBoolean(),
                random.nextInt(4) == 0, random.nextBoolean() ? "no_public_forks" : "allow_forks",
                Ids.hex(random, 40), files);
    }

    private static ServerEstate server(EstateSpec spec, Clock clock) {
        SplittableRandom random = new SplittableRandom(spec.seed() * 31 + 7);
        List<ServerUser> users = new ArrayList<>();
        int userId = 1;
        for (int u = 0; u < spec.serverUsers(); u++) {
            userId += 1 + random.nextInt(3);
            String first = FIRST[u % FIRST.length];
            String last = LAST[(u / FIRST.length) % LAST.length];
            String name = (first.charAt(0) + last + (u >= FIRST.length ? String.valueOf(u) : ""))
                    .toLowerCase(Locale.ROOT).replace("ü", "u");
            boolean service = u > 0 && u % 17 == 0;
            users.add(new ServerUser(userId, name, name, first + " " + last, name + "@corp.example.com",
                    u % 11 != 10, service, 1_700_000_000_000L + random.nextInt(1_000_000_000)));
        }
        List<ServerProject> projects = new ArrayList<>();
        Map<String, List<ServerRepo>> repos = new HashMap<>();
        int projectId = 1;
        int repoId = 1;
        int remaining = spec.serverRepos();
        for (int p = 0; p < spec.serverProjects(); p++) {
            projectId += 1 + random.nextInt(2);
            String key = p < PROJECTS.length ? PROJECTS[p][0] : "PRJ" + (p + 1);
            String name = p < PROJECTS.length ? PROJECTS[p][1] : "Project " + (p + 1);
            projects.add(new ServerProject(projectId, key, name, "The " + name + " project", p % 5 == 4, null));
            int count = remaining / (spec.serverProjects() - p);
            remaining -= count;
            List<ServerRepo> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                repoId += 1 + random.nextInt(3);
                list.add(serverRepo(spec, random, repoId, key, i, false));
            }
            repos.put(key, list);
        }
        for (int u = 0; u < spec.serverPersonalProjects(); u++) {
            ServerUser owner = users.get(u);
            projectId += 1 + random.nextInt(2);
            String key = "~" + owner.slug().toUpperCase(Locale.ROOT);
            projects.add(new ServerProject(projectId, key, owner.displayName(), null, false, owner.slug()));
            List<ServerRepo> list = new ArrayList<>();
            for (int i = 0; i < spec.serverReposPerPersonalProject(); i++) {
                repoId += 1 + random.nextInt(3);
                list.add(serverRepo(spec, random, repoId, key, i, true));
            }
            repos.put(key, list);
        }
        return new ServerEstate(projects, repos, users, spec.catalogPath(), spec.seed(), clock);
    }

    private static ServerRepo serverRepo(EstateSpec spec, SplittableRandom random, int id, String projectKey, int i,
                                         boolean personal) {
        String base = personal ? "sandbox-" + KINDS[i % KINDS.length]
                : DOMAINS[i % DOMAINS.length] + "-" + KINDS[(i / DOMAINS.length) % KINDS.length];
        int round = personal ? i / KINDS.length : i / (DOMAINS.length * KINDS.length);
        String slug = round == 0 ? base : base + "-" + round;
        boolean empty = random.nextDouble() < spec.noDefaultBranchShare();
        Map<String, String> files = empty ? Map.of() : catalog(spec, random, slug, slug);
        return new ServerRepo(id, projectKey, slug, slug, random.nextInt(3) == 0 ? "" : "The " + base.replace('-', ' '),
                Ids.hex(random, 20), random.nextInt(10) != 0, random.nextInt(20) == 0,
                random.nextDouble() < spec.archivedShare(), empty ? null : (random.nextInt(5) == 0 ? "master" : "main"),
                Ids.hex(random, 40), files);
    }

    private static Map<String, String> catalog(EstateSpec spec, SplittableRandom random, String slug, String title) {
        if (random.nextDouble() >= spec.catalogShare()) {
            return Map.of();
        }
        double roll = random.nextDouble();
        CatalogKind kind;
        if (roll < spec.catalogInvalidShare()) {
            kind = CatalogKind.INVALID_YAML;
        } else if (roll < spec.catalogInvalidShare() + spec.catalogMultiDocShare()) {
            kind = CatalogKind.MULTI_DOCUMENT;
        } else if (roll < spec.catalogInvalidShare() + spec.catalogMultiDocShare()
                + spec.catalogMissingFieldsShare()) {
            kind = CatalogKind.MISSING_FIELDS;
        } else {
            kind = CatalogKind.VALID;
        }
        return Map.of(spec.catalogPath(), CatalogFiles.render(kind, slug, capitalise(title.replace('-', ' ')),
                random.nextInt(1 << 20)));
    }

    private static Instant created(SplittableRandom random) {
        return CREATED_FROM.plusSeconds(random.nextLong(CREATED_SPAN_S)).plusNanos(random.nextInt(1_000_000) * 1000L);
    }

    private static Instant between(SplittableRandom random, Instant from, Instant until) {
        long span = ChronoUnit.SECONDS.between(from, until);
        return from.plusSeconds(span <= 0 ? 0 : random.nextLong(span)).plusNanos(random.nextInt(1_000_000) * 1000L);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
