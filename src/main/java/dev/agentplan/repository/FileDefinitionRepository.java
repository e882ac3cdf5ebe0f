package dev.agentplan.repository;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The embedded repository: a directory, by default {@code ~/.agentplan} (see
 * {@link RepositoryLocation}).
 *
 * <pre>
 * &lt;root&gt;/repository.lock                      writers hold an exclusive lock on it
 * &lt;root&gt;/agents/&lt;agent&gt;/versions/&lt;n&gt;/         one immutable version (see VersionStore)
 *          definition.json  source.txt  version.json
 * &lt;root&gt;/agents/&lt;agent&gt;/tags.jsonl             append-only, hash-chained tag history
 * &lt;root&gt;/runs/&lt;runId&gt;.json                    the run index (see RunIndex)
 * </pre>
 *
 * Writers (deploy, tag) hold the repository lock across read-check-write, so concurrent deploys
 * from several processes get distinct, contiguous version numbers. Readers take no lock: every
 * file they can see is complete, because everything is published by atomic renames.
 */
public final class FileDefinitionRepository implements DefinitionRepository {

    static final String LOCK_FILE = "repository.lock";
    private static final String AGENTS = "agents";
    private static final String VERSIONS = "versions";
    private static final Set<String> AGENT_ENTRIES = Set.of(VERSIONS, TagLog.FILE);

    private final Path root;
    private final Clock clock;
    private final String defaultAuthor;

    public FileDefinitionRepository(Path root) {
        this(root, Clock.systemUTC(), System.getProperty("user.name"));
    }

    /** @param defaultAuthor who deploys and tags when a request does not say (normally the OS user) */
    public FileDefinitionRepository(Path root, Clock clock, String defaultAuthor) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultAuthor = defaultAuthor == null || defaultAuthor.isBlank() ? "unknown" : defaultAuthor;
    }

    /** The repository at {@code --repo}, {@code AGENTPLAN_HOME} or {@code ~/.agentplan}. */
    public static FileDefinitionRepository open(String repoOption) {
        return new FileDefinitionRepository(RepositoryLocation.resolve(repoOption));
    }

    public Path root() {
        return root;
    }

    /** The run index kept next to the definitions. */
    public RunIndex runIndex() {
        return new RunIndex(root, clock);
    }

    // ---- deploy ----

    @Override
    public DeployedVersion deploy(DeployRequest request) {
        checkRequest(request);
        String name = request.agentName();
        String sha = Sha256.of(request.canonicalJson());
        Path versionsDir = versionsDir(name);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(LOCK_FILE))) {
            checkCaseCollision(name);
            AtomicFiles.sweepTemps(versionsDir);
            List<Integer> numbers = VersionStore.numbers(versionsDir);
            for (int n : numbers) {
                DeployedVersion existing = VersionStore.read(versionsDir.resolve(Integer.toString(n)), name, n).version();
                if (existing.sha256().equals(sha)) {
                    return existing.asNoOp();
                }
            }
            int next = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1;
            DeployedVersion version = new DeployedVersion(name, next, sha, VersionStore.now(clock),
                    authorOr(request.author()), request.message(), false);
            VersionStore.publish(versionsDir, version, request);
            return version;
        } catch (IOException e) {
            throw IoProblems.of("cannot deploy " + name + " to " + root, e);
        }
    }

    private void checkRequest(DeployRequest request) {
        if (request == null) {
            throw new RepositoryException("no deploy request");
        }
        Names.checkAgentName(request.agentName());
        if (request.canonicalJson() == null || request.canonicalJson().isBlank()) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the canonical JSON is empty");
        }
        JsonNode tree;
        try {
            tree = SealedJson.MAPPER.readTree(request.canonicalJson());
        } catch (IOException e) {
            throw new RepositoryException("cannot deploy " + request.agentName()
                    + ": the canonical JSON does not parse as JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (!tree.isObject()) {
            throw new RepositoryException("cannot deploy " + request.agentName()
                    + ": the canonical JSON must be an object, not " + tree.getNodeType().name().toLowerCase());
        }
        JsonNode agent = tree.get("agent");
        if (agent == null || !agent.isTextual() || !agent.asText().equals(request.agentName())) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the canonical JSON names agent "
                    + (agent == null ? "nothing" : agent.toString()) + ", not \"" + request.agentName() + "\"");
        }
        if (request.sourceText() == null) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the source text is missing");
        }
        if (request.sourceFileName() == null || request.sourceFileName().isBlank()
                || request.sourceFileName().contains("\n")) {
            throw new RepositoryException("cannot deploy " + request.agentName()
                    + ": the source file name is missing or not one line");
        }
        if (request.author() != null && (request.author().isBlank() || request.author().contains("\n"))) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the author must be one non-blank line");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** On case-insensitive file systems Foo and foo would share a directory; refuse to mix them anywhere. */
    private void checkCaseCollision(String name) {
        for (String existing : agentDirectories()) {
            if (!existing.equals(name) && existing.equalsIgnoreCase(name)) {
                throw new RepositoryException("cannot deploy " + name + ": agent '" + existing
                        + "' already exists and names may not differ only in letter case; rename the agent");
            }
        }
    }

    private String authorOr(String author) {
        return author == null ? defaultAuthor : author;
    }

    // ---- reads ----

    @Override
    public List<String> agents() {
        List<String> out = new ArrayList<>();
        for (String name : agentDirectories()) {
            if (!VersionStore.numbers(versionsDir(name)).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    private List<String> agentDirectories() {
        Path agents = root.resolve(AGENTS);
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(agents)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(agents)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (!Names.isAgentName(name) || !Files.isDirectory(entry)) {
                    throw new RepositoryException("unexpected entry " + entry + ": the agents directory holds only "
                            + "one directory per agent; move it elsewhere");
                }
                out.add(name);
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + agents, e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public List<DeployedVersion> versions(String name) {
        Names.checkAgentName(name);
        checkAgentEntries(name);
        List<DeployedVersion> out = new ArrayList<>();
        for (int n : VersionStore.numbers(versionsDir(name))) {
            out.add(readVersion(name, n).version());
        }
        return out;
    }

    @Override
    public StoredDefinition get(String name, int version) {
        Names.checkAgentName(name);
        checkAgentEntries(name);
        List<Integer> numbers = VersionStore.numbers(versionsDir(name));
        if (numbers.isEmpty()) {
            throw unknownAgent(name);
        }
        if (!numbers.contains(version)) {
            throw new NotFoundException("agent " + name + " has no version " + version
                    + " (versions: " + describe(numbers) + ")");
        }
        return readVersion(name, version);
    }

    @Override
    public StoredDefinition resolve(String ref) {
        AgentRef parsed = AgentRef.parse(ref);
        String name = parsed.name();
        if (parsed.version() != null) {
            return get(name, parsed.version());
        }
        checkAgentEntries(name);
        List<Integer> numbers = VersionStore.numbers(versionsDir(name));
        if (numbers.isEmpty()) {
            throw unknownAgent(name);
        }
        if (parsed.isLatest()) {
            return readVersion(name, numbers.get(numbers.size() - 1));
        }
        Map<String, Integer> tags = tags(name);
        Integer target = tags.get(parsed.tag());
        if (target == null) {
            throw new NotFoundException("agent " + name + " has no tag '" + parsed.tag() + "'"
                    + (tags.isEmpty() ? " (it has no tags)" : " (tags: " + String.join(", ", tags.keySet()) + ")"));
        }
        if (!numbers.contains(target)) {
            throw new RepositoryException("tag " + name + "@" + parsed.tag() + " points at version " + target
                    + ", which is missing from " + versionsDir(name) + "; move the tag to an existing version");
        }
        return readVersion(name, target);
    }

    private StoredDefinition readVersion(String name, int n) {
        return VersionStore.read(versionsDir(name).resolve(Integer.toString(n)), name, n);
    }

    private RepositoryException unknownAgent(String name) {
        List<String> known = agents();
        return new NotFoundException("no agent named " + name + " is deployed in " + root
                + (known.isEmpty() ? " (the repository is empty)" : " (agents: " + String.join(", ", known) + ")"));
    }

    private static String describe(List<Integer> numbers) {
        int first = numbers.get(0);
        int last = numbers.get(numbers.size() - 1);
        if (last - first + 1 == numbers.size()) {
            return first == last ? Integer.toString(first) : first + ".." + last;
        }
        return numbers.toString().replaceAll("[\\[\\] ]", "");
    }

    /** An agent directory holds only versions/ and tags.jsonl (and hidden temp files). */
    private void checkAgentEntries(String name) {
        Path dir = agentDir(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (!file.startsWith(".") && !AGENT_ENTRIES.contains(file)) {
                    throw new RepositoryException("unexpected entry " + entry + ": an agent directory holds only "
                            + VERSIONS + "/ and " + TagLog.FILE + "; move it elsewhere");
                }
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + dir, e);
        }
    }

    // ---- tags ----

    @Override
    public TagMove tag(String name, int version, String tag, String by) {
        Names.checkAgentName(name);
        Names.checkTag(tag);
        String who = authorOr(by);
        if (who.isBlank() || who.contains("\n")) {
            throw new RepositoryException("cannot tag: the author must be one non-blank line");
        }
        Path log = agentDir(name).resolve(TagLog.FILE);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(LOCK_FILE))) {
            get(name, version); // exists and is intact
            AtomicFiles.sweepTemps(agentDir(name));
            Integer from = TagLog.current(TagLog.read(log, name)).get(tag);
            TagMove move = new TagMove(name, tag, from, version, who, VersionStore.now(clock));
            if (move.unchanged()) {
                return move;
            }
            TagLog.append(log, move);
            return move;
        } catch (IOException e) {
            throw IoProblems.of("cannot tag " + name + "@" + version + " in " + root, e);
        }
    }

    @Override
    public Map<String, Integer> tags(String name) {
        return TagLog.current(tagHistory(name));
    }

    @Override
    public List<TagMove> tagHistory(String name) {
        Names.checkAgentName(name);
        return TagLog.read(agentDir(name).resolve(TagLog.FILE), name);
    }

    // ---- verification ----

    @Override
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        List<String> names;
        try {
            names = agentDirectories();
        } catch (RepositoryException e) {
            problems.add(e.getMessage());
            return problems;
        }
        for (String name : names) {
            verifyAgent(name, problems);
        }
        problems.addAll(runIndex().verify());
        return problems;
    }

    private void verifyAgent(String name, List<String> problems) {
        List<Integer> numbers;
        try {
            checkAgentEntries(name);
            numbers = VersionStore.numbers(versionsDir(name));
        } catch (RepositoryException e) {
            problems.add(e.getMessage());
            return;
        }
        for (int n : numbers) {
            try {
                readVersion(name, n);
            } catch (RepositoryException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            tags(name).forEach((tag, target) -> {
                if (!numbers.contains(target)) {
                    problems.add("tag " + name + "@" + tag + " points at missing version " + target
                            + "; move the tag to an existing version");
                }
            });
        } catch (RepositoryException e) {
            problems.add(e.getMessage());
        }
    }

    // ---- layout ----

    private Path agentDir(String name) {
        return root.resolve(AGENTS).resolve(name);
    }

    private Path versionsDir(String name) {
        return agentDir(name).resolve(VERSIONS);
    }
}
