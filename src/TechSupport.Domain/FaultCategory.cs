namespace TechSupport.Domain;

public enum FaultCategory
{
    Storage,
    Network,
    Software,
    Hardware,
    Signal,
    Format,
    Licensing,
    Audio,
    Colour,
    Archive,
    Os
}
