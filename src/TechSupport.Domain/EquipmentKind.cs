namespace TechSupport.Domain;

public enum EquipmentKind
{
    Workstation,
    IoCard,
    ReferenceMonitor,
    SharedStorage,
    NetworkSwitch,
    SyncGenerator,
    Deck,
    LtoDrive,
    AudioInterface,
    ControlSurface,
    Software,
    Other
}
