// The one line that changes when the Cake.Frosting package replaces Frosting/: Cake.Frosting.
global using Wheelsmith.Frosting;
