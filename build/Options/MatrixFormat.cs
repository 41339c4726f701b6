namespace Wheelsmith.Options;

/// <summary>How --target=Matrix prints the cells: one identifier a line, or a JSON array a CI matrix takes as it is.</summary>
public enum MatrixFormat
{
    Text,
    Json,
}
