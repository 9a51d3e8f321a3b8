/**
 * A cluster of EventStoreDB PROTOCOL TEST SERVERS — test support, never a production store.
 *
 * Several nodes on 127.0.0.1 share one in-memory log (replication is instant unless a follower is
 * told to lag) and answer gossip with every member's state, so the real client discovers, follows
 * `not-leader` to the leader, and rediscovers when a node goes away, as against a real cluster.
 * Tests drive it: stop and restart nodes, hold an election (no leader), elect another leader, make
 * a follower lag. What the nodes do with `requires-leader` is in `EsdbTestServer#leaderRefusal`.
 */
import { InMemoryLog, type InMemoryLogOptions } from './in-memory-log.js';
import { EsdbTestServer, type ClusterMember, type ClusterView, type NodeState } from './esdb-test-server.js';

interface Member {
  port: number;
  state: NodeState;
  lag: number;
  server: EsdbTestServer | null;
}

export class EsdbTestCluster implements ClusterView {
  readonly log: InMemoryLog;
  readonly #members: Member[] = [];

  private constructor(log: InMemoryLog) {
    this.log = log;
  }

  /** Starts `nodes` nodes (default 3); node 0 leads, the others follow. */
  static async start(options: InMemoryLogOptions & { readonly nodes?: number } = {}): Promise<EsdbTestCluster> {
    const cluster = new EsdbTestCluster(new InMemoryLog(options));
    const count = options.nodes ?? 3;
    for (let index = 0; index < count; index++) {
      const server = await EsdbTestServer.start({ log: cluster.log, cluster });
      cluster.#members.push({ port: server.port, state: index === 0 ? 'leader' : 'follower', lag: 0, server });
    }
    return cluster;
  }

  members(): readonly ClusterMember[] {
    return this.#members.map(({ port, state, lag, server }) => ({ port, state, lag, alive: server !== null }));
  }

  /** Every node in the host list: the form that survives any one node down. */
  get connectionString(): string {
    return `esdb://${this.#members.map((member) => `127.0.0.1:${member.port}`).join(',')}?tls=false`;
  }

  /** Gossip seeded from the first host only (`esdb+discover://`), as the client reads it. */
  get discoverConnectionString(): string {
    return `esdb+discover://${this.#members.map((member) => `127.0.0.1:${member.port}`).join(',')}?tls=false`;
  }

  node(index: number): EsdbTestServer {
    const server = this.#member(index).server;
    if (!server) throw new Error(`Node ${index} is stopped`);
    return server;
  }

  get leaderIndex(): number | null {
    const index = this.#members.findIndex((member) => member.state === 'leader' && member.server !== null);
    return index < 0 ? null : index;
  }

  /** Stops a node (its calls fail, its subscriptions drop); a stopped leader leaves the cluster without one. */
  async stop(index: number): Promise<void> {
    const member = this.#member(index);
    const server = member.server;
    member.server = null;
    if (member.state === 'leader') member.state = 'unknown';
    await server?.stop();
  }

  /** Starts a stopped node again on its port, on the same log, as a follower. */
  async restart(index: number): Promise<void> {
    const member = this.#member(index);
    if (member.server) return;
    member.state = 'follower';
    member.server = await EsdbTestServer.start({ log: this.log, cluster: this, port: member.port });
  }

  /** An election in progress: no node leads (gossip says Unknown / PreLeader). */
  election(): void {
    this.#members.forEach((member, index) => (member.state = index % 2 === 0 ? 'unknown' : 'pre-leader'));
  }

  /** The election is over: `index` leads, every other running node follows. */
  elect(index: number): void {
    if (!this.#member(index).server) throw new Error(`Node ${index} is stopped and cannot lead`);
    this.#members.forEach((member, other) => (member.state = other === index ? 'leader' : 'follower'));
    this.#members[index].server!.replicated(); // a leader has everything
  }

  /** A follower that has not yet replicated the last `events` events of the leader's log. */
  lag(index: number, events: number): void {
    const member = this.#member(index);
    member.lag = events;
    member.server?.replicated();
  }

  async stopAll(): Promise<void> {
    for (let index = 0; index < this.#members.length; index++) await this.stop(index);
  }

  #member(index: number): Member {
    const member = this.#members[index];
    if (!member) throw new Error(`No node ${index}`);
    return member;
  }
}
