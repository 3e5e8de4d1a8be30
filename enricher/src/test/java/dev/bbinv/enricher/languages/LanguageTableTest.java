package dev.bbinv.enricher.languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTableTest {
    private final LanguageTable table = LanguageTable.linguist();

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "java|Java",
            "Java|Java",
            "  JAVA  |Java",
            "c#|C#",
            "csharp|C#",
            "CSharp|C#",
            "golang|Go",
            "go|Go",
            "js|JavaScript",
            "javascript|JavaScript",
            "node|JavaScript",
            "cpp|C++",
            "python|Python",
            "bash session|ShellSession",
            "Bash   Session|ShellSession",
            "bash-session|ShellSession",
            "objective-c|Objective-C",
            "html|HTML",
    })
    void findsTheCanonicalNameByNameOrAliasIgnoringCaseAndSpace(String value, String canonical) {
        assertEquals(Optional.of(canonical), table.canonical(value));
    }

    @Test
    void knowsNothingOfUnknownValues() {
        assertEquals(Optional.empty(), table.canonical("cobolish"));
        assertEquals(Optional.empty(), table.canonical(""));
        assertEquals(Optional.empty(), table.canonical(null));
    }

    @Test
    void loadsTheWholeLinguistTable() {
        // 829 languages plus their aliases.
        assertTrue(table.size() > 829, "entries: " + table.size());
    }

    @Test
    void aNameWinsOverAnotherLanguagesAlias() {
        LanguageTable t = LanguageTable.parse(List.of("name,type,aliases,extensions",
                "Alpha,programming,beta,.a", "Beta,programming,,.b"));
        assertEquals(Optional.of("Beta"), t.canonical("beta"));
        assertEquals(Optional.of("Alpha"), t.canonical("ALPHA"));
    }
}
