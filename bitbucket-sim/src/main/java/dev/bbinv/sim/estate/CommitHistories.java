package dev.bbinv.sim.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Default-branch commit histories, generated on demand from the estate seed and the repository's key (never stored:
 * 100,000 repositories would hold millions of commits). The same seed, key, tip time and authors always give the same
 * history. Spread: a repository's last commit is less than 3 months old for 40% of them, 3 to 6 months for 20%, older
 * (up to two years) for the rest; one in twenty is very active (hundreds of commits a few hours apart, several pages);
 * authors are a small team of members (linked to their Bitbucket user) and sometimes people Bitbucket does not know.
 */
public final class CommitHistories {
    /** Git authors Bitbucket links to no user. */
    private static final String[][] OUTSIDERS = {{"Build Bot", "build@ci.example.com"},
            {"Jane Contractor", "jane.contractor@gmail.com"}, {"dependabot[bot]", "support@github.com"},
            {"Old Timer", "old.timer@legacy.example.org"}};
    private static final long DAY_S = 86_400L;

    /** Who wrote a commit; {@code user} is the linked Bitbucket user ({@link CloudUser}, {@link ServerUser}) or null. */
    public record Author(String name, String email, Object user) {
        public String raw() {
            return name + " <" + email + ">";
        }
    }

    /** One commit of a default branch. */
    public record SimCommit(String hash, Instant date, Author author) {}

    private CommitHistories() {}

    /** The random source of one repository's commits, independent of every other draw of the estate. */
    static SplittableRandom random(long seed, String repositoryKey) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ repositoryKey.hashCode() * 0xBF58476D1CE4E5B9L);
    }

    /** Whether the repository has no commit at all (an empty repository), drawn with probability {@code share}. */
    public static boolean empty(long seed, String repositoryKey, double share) {
        return random(seed, repositoryKey).nextDouble() < share;
    }

    /** When the repository's last commit is, before {@code now} (never before {@code created}). */
    static Instant lastCommit(long seed, String repositoryKey, Instant created, Instant now) {
        SplittableRandom random = random(seed, repositoryKey);
        random.nextDouble(); // the emptiness draw
        double roll = random.nextDouble();
        long ageDays = roll < 0.4 ? random.nextLong(89) : roll < 0.6 ? 92 + random.nextLong(86)
                : 185 + random.nextLong(545);
        Instant last = now.minusSeconds(ageDays * DAY_S + random.nextLong(DAY_S));
        return last.isBefore(created) ? created.plusSeconds(3600) : last;
    }

    /**
     * The history of a repository whose last commit is at {@code tip}, newest first, none before {@code created};
     * empty when {@code empty}. Authors come from {@code members} (linked) and outsiders (not linked).
     */
    public static List<SimCommit> history(long seed, String repositoryKey, boolean empty, Instant created, Instant tip,
            List<Author> members) {
        if (empty) {
            return List.of();
        }
        SplittableRandom random = random(seed, repositoryKey + "#history");
        boolean veryActive = random.nextInt(20) == 0;
        int count = veryActive ? 220 + random.nextInt(200) : 3 + random.nextInt(60);
        long meanGapS = veryActive ? 5 * 3600 : (2 + random.nextInt(20)) * DAY_S;
        List<Author> team = new ArrayList<>();
        int teamSize = members.isEmpty() ? 0 : 1 + random.nextInt(Math.min(4, members.size()));
        int first = members.isEmpty() ? 0 : random.nextInt(members.size());
        for (int i = 0; i < teamSize; i++) {
            team.add(members.get((first + i * 7) % members.size()));
        }
        if (team.isEmpty() || random.nextInt(3) == 0) {
            String[] outsider = OUTSIDERS[random.nextInt(OUTSIDERS.length)];
            team.add(new Author(outsider[0], outsider[1], null));
        }
        List<SimCommit> commits = new ArrayList<>(count);
        Instant date = tip;
        for (int i = 0; i < count && !date.isBefore(created); i++) {
            commits.add(new SimCommit(Ids.hex(random, 40), date, team.get(random.nextInt(team.size()))));
            date = date.minus(Duration.ofSeconds(60 + random.nextLong(2 * meanGapS)));
        }
        if (commits.isEmpty()) {
            commits.add(new SimCommit(Ids.hex(random, 40), tip, team.get(0)));
        }
        return commits;
    }

    /** A Cloud workspace's members as commit authors, linked to their accounts. */
    public static List<Author> cloudAuthors(List<CloudUser> members) {
        return members.stream().map(u -> new Author(u.displayName(), u.email(), u)).toList();
    }

    /** Data Center's active normal users as commit authors, linked to their users. */
    public static List<Author> serverAuthors(List<ServerUser> users) {
        return users.stream().filter(u -> u.active() && !u.service())
                .map(u -> new Author(u.displayName(), u.emailAddress(), u)).toList();
    }
}
