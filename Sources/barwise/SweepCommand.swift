import ArgumentParser
import Engine
import Foundation
import MarketData
import Research
import Signals

/// `barwise sweep`: parameter grids over one or many symbols, on every core.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a strategy over a grid of parameters and rank the results.",
        discussion: """
            Every combination (and, with several symbols, every symbol) is an independent run \
            through the same simulation as `barwise run`, so each row equals `barwise run --set …` \
            for its params. Bars are loaded once; runs go in parallel on --jobs threads; only each \
            run's summary is kept. Before the first run, every combination's lags x[n] are checked \
            against the loaded bars (as `barwise run` checks its one strategy): one combination \
            whose lag is not below the bar count refuses the sweep, naming it and how many there \
            are; leave them out with --where or widen --from/--to.

            Examples:
              barwise sweep strategies/sma_cross.toml --grid fast=5:50:5 --grid slow=10:200:10 --where "fast < slow"
              barwise sweep strategies/sma_cross.toml --grid fast=5,10,20 --grid slow=30:90:30 --symbols GOOG,ORCL --rank sortino
              barwise sweep strategies/rsi_reversion.toml --grid period=5:30:1 --grid stop_atr=1:5:0.5 --random 50 --seed 7
              barwise sweep strategies/sma_cross.toml --grid fast=5:50:5 --grid slow=10:200:10 --shard 2/4 --out sweep-2
              barwise sweep merge sweep-1 sweep-2 sweep-3 sweep-4 --out sweep-all

            Stopping: Ctrl-C or SIGTERM keeps the rows done (exit 130 or 143); every row is also \
            appended to results.partial.csv as it finishes, so even a killed sweep loses only the \
            runs in flight. The same command with --resume DIR runs what is missing.

            Sharding: --shard I/N runs every N-th combination starting at the I-th (1 ≤ I ≤ N). \
            --shard auto reads SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_MIN/SLURM_ARRAY_TASK_COUNT, or \
            JOB_COMPLETION_INDEX (Kubernetes Indexed Job) with N from --shard auto/N or BARWISE_SHARDS.
            """,
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepRunCommand.self
    )
}
