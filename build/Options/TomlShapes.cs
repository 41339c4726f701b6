namespace Wheelsmith.Options;

/// <summary>The TOML values a cibuildwheel key takes, as its schema says.</summary>
[Flags]
public enum TomlShapes
{
    String = 1,
    List = 2,
    Table = 4,
    Integer = 8,
    Boolean = 16,
    StringOrList = String | List,
    StringOrTable = String | Table,
}
