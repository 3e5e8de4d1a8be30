package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.CatalogFile.Status;

class CatalogValidatorsTest {
    private static CatalogFile found(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CatalogFile(Status.FOUND, bytes, bytes.length, null, "main");
    }

    @Test
    void theSameResultGivesTheSameValidatorAndAnotherContentOrStatusAnother() {
        assertEquals(CatalogValidators.ofResult(found("a: 1")), CatalogValidators.ofResult(found("a: 1")));
        assertNotEquals(CatalogValidators.ofResult(found("a: 1")), CatalogValidators.ofResult(found("a: 2")));
        assertNotEquals(CatalogValidators.ofResult(CatalogFile.absent("main")),
                CatalogValidators.ofResult(found("")));
        assertTrue(CatalogValidators.ofResult(CatalogFile.absent("main")).startsWith(CatalogValidators.RESULT));
    }
}
