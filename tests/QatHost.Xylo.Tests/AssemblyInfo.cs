// Most Xylo tests build their networks after seeding torch's process-wide generator (Networks, DesignRuleCases,
// manual_seed in the tests), and compare what they map, quantise or simulate. Run in parallel, another test's
// draws land between a seed and its use and the numbers change. So the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
