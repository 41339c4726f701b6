namespace Wheelsmith.Options;

/// <summary>How an override's value meets the one before it (cibuildwheel's inherit): replaces it, or is joined after or before it.</summary>
public enum InheritRule
{
    None,
    Append,
    Prepend,
}
