// The tests seed torch's global generator and then draw from it (network initialisation, LIF noise); run them
// one after another so no other test draws in between.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
