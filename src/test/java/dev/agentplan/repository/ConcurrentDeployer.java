package dev.agentplan.repository;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for {@link ConcurrentDeployTest}: waits for a start signal (a file appearing),
 * then deploys {@code count} different plans of one agent and prints each version number it got.
 */
public final class ConcurrentDeployer {

    private ConcurrentDeployer() {
    }

    /** Arguments: repository root, agent name, worker id, number of plans, start-signal file. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String agent = args[1];
        String worker = args[2];
        int count = Integer.parseInt(args[3]);
        Path go = Path.of(args[4]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.err.println("no start signal");
                System.exit(2);
            }
            Thread.sleep(5);
        }
        FileDefinitionRepository repo = new FileDefinitionRepository(root);
        try {
            for (int i = 0; i < count; i++) {
                DeployedVersion v = repo.deploy(Plans.request(agent, worker + "-" + i).withAuthor("worker-" + worker));
                System.out.println(v.version() + " " + v.sha256());
            }
        } catch (RepositoryException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
