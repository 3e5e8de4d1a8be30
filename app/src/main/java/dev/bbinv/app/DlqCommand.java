package dev.bbinv.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.schemas.config.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bbinv dlq list|show|redrive}: the records the pipeline could not process, and sending them back. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Lists, shows and redrives the dead letters in inventory.dlq.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Show.class, DlqCommand.Redrive.class})
final class DlqCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per dead letter: offset, time, role, source topic-partition@offset, redriven, reason.")
    static final class ListLetters implements Callable<Integer> {
        @Option(names = "--since", paramLabel = "WHEN",
                description = "Only letters since WHEN: a duration back from now (30m, 2h, P1D) or an ISO instant.")
        String since;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Instant from = since == null ? Instant.EPOCH : since(since, Clock.systemUTC());
            try (DeadLetterQueue dlq = open(common)) {
                List<DeadLetterQueue.Entry> entries = dlq.entries().stream()
                        .filter(e -> !e.letter().getFailedAt().isBefore(from)).toList();
                System.out.print(DeadLetterText.table(entries));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The whole dead letter at offset N.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "N", description = "The letter's offset in inventory.dlq (see `dlq list`).")
        long offset;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Map<String, Object> settings = pipelineSettings(common);
            try (DeadLetterQueue dlq = open(settings)) {
                DeadLetterQueue.Entry entry = dlq.entry(offset).orElseThrow(() -> new IllegalArgumentException(
                        "inventory.dlq has no letter at offset " + offset + ": see `bbinv dlq list`"));
                System.out.print(DeadLetterText.detail(entry, PipelineSettings.registryClient(settings)));
            }
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Sends dead letters' original records back to the topic they came from, once each; "
                    + "do it after fixing the cause.")
    static final class Redrive implements Callable<Integer> {
        @Option(names = "--reason", paramLabel = "R",
                description = "Only letters whose reason contains R (case-insensitive), e.g. unreadable or rejected.")
        String reason;
        @Option(names = "--offset", paramLabel = "N", description = "Only the letter at offset N.")
        Long offset;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            try (DeadLetterQueue dlq = open(common)) {
                List<DeadLetterQueue.Entry> chosen = dlq.entries().stream()
                        .filter(e -> offset == null || e.offset() == offset)
                        .filter(e -> reason == null || e.letter().getReason().toLowerCase(Locale.ROOT)
                                .contains(reason.toLowerCase(Locale.ROOT)))
                        .toList();
                DeadLetterQueue.Redriven done = dlq.redrive(chosen);
                PrintStream out = System.out;
                out.println("Redrove " + done.sent().size() + " letter(s)" + (done.sent().isEmpty() ? "" : ": " + done.sent()));
                if (!done.alreadyRedriven().isEmpty()) {
                    out.println("Already redriven before, not sent again: " + done.alreadyRedriven());
                }
                done.skipped().forEach(s -> out.println("Skipped " + s));
                return done.skipped().isEmpty() ? 0 : 1;
            }
        }
    }

    /** WHEN as a duration back from now ({@code 30m}, {@code PT2H}) or an ISO instant. Pure. */
    static Instant since(String when, Clock clock) {
        try {
            return Instant.parse(when.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().minus(Durations.parse(when));
            } catch (IllegalArgumentException notADuration) {
                throw new IllegalArgumentException("--since '" + when + "' is neither a duration (30m, 2h, P1D) "
                        + "nor an ISO instant (2026-12-01T10:00:00Z)");
            }
        }
    }

    private static DeadLetterQueue open(CommonOptions common) {
        return open(pipelineSettings(common));
    }

    private static DeadLetterQueue open(Map<String, Object> settings) {
        return new DeadLetterQueue(settings.get(Settings.BOOTSTRAP).toString(), PipelineSettings.registryClient(settings),
                PipelineSettings.kafkaClientOverrides(settings));
    }

    private static Map<String, Object> pipelineSettings(CommonOptions common) {
        return ManualTopics.requirePipeline(StandaloneSettings.resolve(common));
    }
}
