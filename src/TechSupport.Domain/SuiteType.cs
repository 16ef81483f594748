namespace TechSupport.Domain;

public enum SuiteType
{
    OfflineEdit,
    OnlineEdit,
    Grade,
    AudioMix,
    Vfx,
    MachineRoom,
    QcBay,
    Ingest,
    DitCart
}
