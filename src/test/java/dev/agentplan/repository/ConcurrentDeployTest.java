package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys racing from several JVMs and threads get unique, contiguous versions and intact files. */
class ConcurrentDeployTest {

    private static final int PROCESSES = 6;
    private static final int PLANS_PER_PROCESS = 10;

    @TempDir
    Path tmp;

    @Test
    void deploysFromSeveralProcessesGetUniqueContiguousVersions() throws Exception {
        Path root = tmp.resolve("repo");
        Path go = tmp.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        try {
            for (int w = 0; w < PROCESSES; w++) {
                ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"),
                        ConcurrentDeployer.class.getName(), root.toString(), "racer", "w" + w,
                        Integer.toString(PLANS_PER_PROCESS), go.toString());
                pb.redirectErrorStream(true);
                pb.redirectOutput(tmp.resolve("worker" + w + ".log").toFile());
                processes.add(pb.start());
            }
            Files.writeString(go, "go"); // every JVM starts deploying at about the same time
            for (int w = 0; w < PROCESSES; w++) {
                Process p = processes.get(w);
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "worker " + w + " finished");
                assertEquals(0, p.exitValue(), "worker " + w + ": " + Files.readString(tmp.resolve("worker" + w + ".log")));
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }

        int total = PROCESSES * PLANS_PER_PROCESS;
        Set<Integer> reported = new HashSet<>();
        for (int w = 0; w < PROCESSES; w++) {
            List<String> lines = Files.readAllLines(tmp.resolve("worker" + w + ".log"), StandardCharsets.UTF_8);
            assertEquals(PLANS_PER_PROCESS, lines.size(), lines.toString());
            for (String line : lines) {
                assertTrue(reported.add(Integer.parseInt(line.split(" ")[0])), "version handed out twice: " + line);
            }
        }
        assertAllVersionsIntact(new FileDefinitionRepository(root), total, expectedShas());
        assertEquals(IntStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()), reported);
    }

    private static Set<String> expectedShas() {
        Set<String> shas = new HashSet<>();
        for (int w = 0; w < PROCESSES; w++) {
            for (int i = 0; i < PLANS_PER_PROCESS; i++) {
                shas.add(Sha256.of(Plans.json("racer", "w" + w + "-" + i)));
            }
        }
        return shas;
    }

    private static void assertAllVersionsIntact(FileDefinitionRepository repo, int total, Set<String> shas) {
        List<DeployedVersion> versions = repo.versions("racer");
        assertEquals(IntStream.rangeClosed(1, total).boxed().toList(),
                versions.stream().map(DeployedVersion::version).toList(), "unique and contiguous");
        Set<String> stored = new HashSet<>();
        for (DeployedVersion v : versions) {
            StoredDefinition d = repo.get("racer", v.version()); // verifies every checksum
            assertEquals(Sha256.of(d.canonicalJson()), v.sha256());
            stored.add(d.sha256());
        }
        assertEquals(shas, stored, "every plan stored exactly once");
        assertEquals(List.of(), repo.verify());
    }

    @Test
    void threadsOfOneProcessShareTheLockWithoutTripping() throws Exception {
        FileDefinitionRepository repo = new FileDefinitionRepository(tmp.resolve("repo"));
        int threads = 4;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String worker = "t" + t;
                Callable<List<Integer>> job = () -> {
                    start.await();
                    List<Integer> got = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        got.add(repo.deploy(Plans.request("racer", worker + "-" + i)).version());
                        // A redeploy of the same content in the middle of the race is still a no-op.
                        assertTrue(repo.deploy(Plans.request("racer", worker + "-" + i)).noOp());
                    }
                    return got;
                };
                results.add(pool.submit(job));
            }
            start.countDown();
            Set<Integer> all = new HashSet<>();
            for (Future<List<Integer>> f : results) {
                for (int v : f.get(60, TimeUnit.SECONDS)) {
                    assertTrue(all.add(v), "version handed out twice: " + v);
                }
            }
            assertEquals(threads * each, all.size());
        } finally {
            pool.shutdownNow();
        }
        List<DeployedVersion> versions = repo.versions("racer");
        assertEquals(IntStream.rangeClosed(1, threads * each).boxed().toList(),
                versions.stream().map(DeployedVersion::version).toList());
        assertFalse(versions.stream().anyMatch(DeployedVersion::noOp));
    }
}
