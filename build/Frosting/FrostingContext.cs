using Cake.Core;

namespace Wheelsmith.Frosting;

/// <summary>Base of a build's context; Cake.Frosting constructs it even for --tree and --dryrun.</summary>
public class FrostingContext : CakeContextAdapter, IFrostingContext
{
    public FrostingContext(ICakeContext context)
        : base(context)
    {
    }
}
