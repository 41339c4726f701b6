// The one line that changes when the Cake.Frosting package replaces Frosting/: Cake.Frosting.
global using Wheelsmith.Frosting;

// This build's additions to Frosting's host (see FrostingExtensions/).
global using Wheelsmith.FrostingExtensions;
