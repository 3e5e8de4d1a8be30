package dev.bbinv.connector.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointLabelTest {

    @ParameterizedTest
    @CsvSource({
            "/2.0/user, user",
            "/2.0/user/workspaces, user/workspaces",
            "/2.0/workspaces/acme/members, workspaces/members",
            "/2.0/repositories/acme, repositories",
            "/2.0/repositories/acme/, repositories",
            "/2.0/repositories/acme/web-app, repository",
            "/2.0/repositories/acme/web-app/src/0a1b2c/deep/catalog-info.yaml, repository/src",
            "/bitbucket/2.0/repositories/acme, repositories",
            "/rest/api/1.0/projects, projects",
            "/rest/api/1.0/projects/PLAT, project",
            "/rest/api/1.0/projects/PLAT/repos, repos",
            "/rest/api/1.0/projects/~ALICE/repos/dotfiles, repo",
            "/rest/api/1.0/projects/PLAT/repos/web/raw/catalog-info.yaml, repo/raw",
            "/rest/api/1.0/projects/PLAT/repos/web/branches/default, repo/branches",
            "/rest/api/1.0/admin/users, admin/users",
            "/rest/api/1.0/users, users",
            "/bitbucket/rest/api/1.0/application-properties, application-properties",
            "/bitbucket/rest/search/latest/repos-matching-root-file, search/repos-matching-root-file",
            "/something/else, other",
    })
    void namesTheEndpointWithoutItsVariableParts(String path, String expected) {
        assertEquals(expected, EndpointLabel.of(path));
    }
}
