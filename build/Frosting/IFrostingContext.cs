using Cake.Core;

namespace Wheelsmith.Frosting;

public interface IFrostingContext : ICakeContext
{
}
