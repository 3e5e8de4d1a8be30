package dev.bbinv.sim.estate;

/**
 * What estate to generate: sizes and shares for Cloud and Data Center, all derived from one seed.
 * Totals are spread evenly over workspaces/projects. Shares are fractions in [0, 1].
 *
 * @param catalogShare           share of repositories that have a catalog file
 * @param catalogInvalidShare    share of catalog files that are not YAML
 * @param catalogMultiDocShare   share of catalog files holding a Component and an API
 * @param catalogMissingFieldsShare share of catalog files lacking spec.owner and spec.lifecycle
 * @param languageShare          share of Cloud repositories whose {@code language} is set (others {@code ""})
 * @param archivedShare          share of DC repositories that are archived
 * @param noDefaultBranchShare   share of empty repositories: DC ones without a default branch, Cloud ones whose
 *                               main branch has no commit
 */
public record EstateSpec(long seed,
                         int cloudWorkspaces, int cloudProjectsPerWorkspace, int cloudRepos, int cloudMembersPerWorkspace,
                         int serverProjects, int serverRepos, int serverUsers, int serverPersonalProjects,
                         int serverReposPerPersonalProject,
                         double catalogShare, double catalogInvalidShare, double catalogMultiDocShare,
                         double catalogMissingFieldsShare, double languageShare, double privateShare,
                         double archivedShare, double noDefaultBranchShare, String catalogPath) {

    public EstateSpec {
        requireNonNegative("cloudWorkspaces", cloudWorkspaces);
        requireNonNegative("cloudProjectsPerWorkspace", cloudProjectsPerWorkspace);
        requireNonNegative("cloudRepos", cloudRepos);
        requireNonNegative("cloudMembersPerWorkspace", cloudMembersPerWorkspace);
        requireNonNegative("serverProjects", serverProjects);
        requireNonNegative("serverRepos", serverRepos);
        requireNonNegative("serverUsers", serverUsers);
        requireNonNegative("serverPersonalProjects", serverPersonalProjects);
        requireNonNegative("serverReposPerPersonalProject", serverReposPerPersonalProject);
        if (cloudRepos > 0 && (cloudWorkspaces == 0 || cloudProjectsPerWorkspace == 0)) {
            throw new IllegalArgumentException("cloudRepos > 0 needs cloudWorkspaces and cloudProjectsPerWorkspace > 0");
        }
        if (serverRepos > 0 && serverProjects == 0) {
            throw new IllegalArgumentException("serverRepos > 0 needs serverProjects > 0");
        }
        if (serverPersonalProjects > serverUsers) {
            throw new IllegalArgumentException("serverPersonalProjects (" + serverPersonalProjects
                    + ") cannot exceed serverUsers (" + serverUsers + ")");
        }
        for (double share : new double[] {catalogShare, catalogInvalidShare, catalogMultiDocShare,
                catalogMissingFieldsShare, languageShare, privateShare, archivedShare, noDefaultBranchShare}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("shares must be within [0, 1], got " + share);
            }
        }
        if (catalogInvalidShare + catalogMultiDocShare + catalogMissingFieldsShare > 1) {
            throw new IllegalArgumentException("catalog invalid + multi-document + missing-fields shares exceed 1");
        }
        if (catalogPath == null || catalogPath.isBlank()) {
            throw new IllegalArgumentException("catalogPath must not be blank");
        }
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /** A builder starting from the defaults: seed 42, no repositories, realistic shares. */
    public static Builder builder() {
        return new Builder();
    }

    /** A Cloud-only estate of {@code repos} repositories in {@code workspaces} workspaces. */
    public static EstateSpec cloud(int workspaces, int repos) {
        return builder().cloudWorkspaces(workspaces).cloudRepos(repos).build();
    }

    /**
     * The {@code bbinv demo} estate: Cloud workspaces acme and globex (60 repositories in 3 projects each) and a
     * small DC instance (3 projects, 30 repositories, 8 users, one personal project).
     */
    public static EstateSpec demo() {
        return builder().cloudWorkspaces(2).cloudRepos(120).serverProjects(3).serverRepos(30).serverUsers(8)
                .serverPersonalProjects(1).build();
    }

    /** A DC-only estate of {@code repos} repositories in {@code projects} projects. */
    public static EstateSpec server(int projects, int repos) {
        return builder().cloudWorkspaces(0).serverProjects(projects).serverRepos(repos).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.cloudWorkspaces = cloudWorkspaces;
        b.cloudProjectsPerWorkspace = cloudProjectsPerWorkspace;
        b.cloudRepos = cloudRepos;
        b.cloudMembersPerWorkspace = cloudMembersPerWorkspace;
        b.serverProjects = serverProjects;
        b.serverRepos = serverRepos;
        b.serverUsers = serverUsers;
        b.serverPersonalProjects = serverPersonalProjects;
        b.serverReposPerPersonalProject = serverReposPerPersonalProject;
        b.catalogShare = catalogShare;
        b.catalogInvalidShare = catalogInvalidShare;
        b.catalogMultiDocShare = catalogMultiDocShare;
        b.catalogMissingFieldsShare = catalogMissingFieldsShare;
        b.languageShare = languageShare;
        b.privateShare = privateShare;
        b.archivedShare = archivedShare;
        b.noDefaultBranchShare = noDefaultBranchShare;
        b.catalogPath = catalogPath;
        return b;
    }

    /** Mutable builder for {@link EstateSpec}. */
    public static final class Builder {
        private long seed = 42;
        private int cloudWorkspaces = 1;
        private int cloudProjectsPerWorkspace = 3;
        private int cloudRepos;
        private int cloudMembersPerWorkspace = 5;
        private int serverProjects;
        private int serverRepos;
        private int serverUsers = 5;
        private int serverPersonalProjects;
        private int serverReposPerPersonalProject = 1;
        private double catalogShare = 0.5;
        private double catalogInvalidShare = 0.1;
        private double catalogMultiDocShare = 0.1;
        private double catalogMissingFieldsShare = 0.1;
        private double languageShare = 0.7;
        private double privateShare = 0.8;
        private double archivedShare = 0.1;
        private double noDefaultBranchShare = 0.02;
        private String catalogPath = "catalog-info.yaml";

        private Builder() {
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder cloudWorkspaces(int v) { cloudWorkspaces = v; return this; }
        public Builder cloudProjectsPerWorkspace(int v) { cloudProjectsPerWorkspace = v; return this; }
        public Builder cloudRepos(int v) { cloudRepos = v; return this; }
        public Builder cloudMembersPerWorkspace(int v) { cloudMembersPerWorkspace = v; return this; }
        public Builder serverProjects(int v) { serverProjects = v; return this; }
        public Builder serverRepos(int v) { serverRepos = v; return this; }
        public Builder serverUsers(int v) { serverUsers = v; return this; }
        public Builder serverPersonalProjects(int v) { serverPersonalProjects = v; return this; }
        public Builder serverReposPerPersonalProject(int v) { serverReposPerPersonalProject = v; return this; }
        public Builder catalogShare(double v) { catalogShare = v; return this; }
        public Builder catalogInvalidShare(double v) { catalogInvalidShare = v; return this; }
        public Builder catalogMultiDocShare(double v) { catalogMultiDocShare = v; return this; }
        public Builder catalogMissingFieldsShare(double v) { catalogMissingFieldsShare = v; return this; }
        public Builder languageShare(double v) { languageShare = v; return this; }
        public Builder privateShare(double v) { privateShare = v; return this; }
        public Builder archivedShare(double v) { archivedShare = v; return this; }
        public Builder noDefaultBranchShare(double v) { noDefaultBranchShare = v; return this; }
        public Builder catalogPath(String v) { catalogPath = v; return this; }

        public EstateSpec build() {
            return new EstateSpec(seed, cloudWorkspaces, cloudProjectsPerWorkspace, cloudRepos,
                    cloudMembersPerWorkspace, serverProjects, serverRepos, serverUsers, serverPersonalProjects,
                    serverReposPerPersonalProject, catalogShare, catalogInvalidShare, catalogMultiDocShare,
                    catalogMissingFieldsShare, languageShare, privateShare, archivedShare, noDefaultBranchShare,
                    catalogPath);
        }
    }
}
